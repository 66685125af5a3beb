using FluentAssertions;
using SanChaos.Gherkin.Bindings;
using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Parsing;
using Xunit;

namespace SanChaos.Gherkin.Tests;

/// <summary>A failed after-scenario hook (a heal that did not take) is the harness's failure: broken, naming it; never a pass or a verdict.</summary>
public sealed class TeardownTests
{
    private const string Feature = """
        Feature: Teardown
          Scenario: Every step passes
            Given the lab is ready

          Scenario: A step fails
            Given the lab is ready
            Then the SAN misbehaves
        """;

    [Binding]
    public sealed class HealFails
    {
        [Given("the lab is ready")]
        public void Ready()
        {
        }

        [Then("the SAN misbehaves")]
        public void Misbehaves() => throw new InvalidOperationException("two primaries");

        [AfterScenario]
        public void HealEverything() =>
            throw new InvalidOperationException("Healing 1 fault failed; it may still be in place:\n- 'set DRBD net protocol A' (drbd-setting(node=otter)): otter did not come back");
    }

    private static Task<(ScenarioResult Result, Exception? Cause)> Run(string scenario)
    {
        var file = FeatureCompiler.Compile("teardown.feature", "/nowhere/teardown.feature", Feature);
        return new ScenarioRunner(BindingRegistry.FromTypes([typeof(HealFails)])).RunAsync(file.Scenarios.Single(s => s.Name == scenario));
    }

    [Fact]
    public async Task A_heal_that_fails_after_passing_steps_makes_the_scenario_broken_naming_the_heal()
    {
        var (r, _) = await Run("Every step passes");

        r.Status.Should().Be(StepStatus.Broken);
        r.Error.Should().StartWith("Every step passed, but teardown failed").And.Contain("'set DRBD net protocol A'").And.Contain("otter did not come back");
        r.TeardownErrors.Should().ContainSingle().Which.Should().StartWith("HealFails.HealEverything:");
    }

    [Fact]
    public async Task A_failed_step_stays_failed_with_the_teardown_error_beside_it()
    {
        var (r, _) = await Run("A step fails");

        r.Status.Should().Be(StepStatus.Failed);
        r.Error.Should().Be("two primaries");
        r.TeardownErrors.Should().ContainSingle().Which.Should().Contain("otter did not come back");
    }
}
