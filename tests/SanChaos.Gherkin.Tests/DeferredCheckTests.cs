using FluentAssertions;
using SanChaos.Core.History;
using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Samples;
using Xunit;

namespace SanChaos.Gherkin.Tests;

/// <summary>Checks a step defers to the end of the scenario (checkers on the complete history) decide its status.</summary>
public sealed class DeferredCheckTests
{
    private static async Task<ScenarioResult> Run(string scenario) =>
        (await new ScenarioRunner(Samples.Bindings).RunAsync(Samples.Scenario("deferred.feature", scenario))).Result;

    [Fact]
    public async Task A_deferred_check_that_fails_fails_its_step_and_the_scenario_after_the_later_steps_ran()
    {
        var r = await Run("A deferred check fails at the end");
        r.Status.Should().Be(StepStatus.Failed);
        r.Steps.Select(s => s.Status).Should().Equal(StepStatus.Passed, StepStatus.Failed, StepStatus.Passed);
        r.Steps[1].Error.Should().Be("the check said failed");
        r.Error.Should().Contain("the check said failed").And.Contain("line");
    }

    [Fact]
    public async Task A_check_that_cannot_decide_makes_the_scenario_broken_never_passed()
    {
        var r = await Run("A deferred check cannot decide");
        r.Status.Should().Be(StepStatus.Broken);
        r.Steps[1].Status.Should().Be(StepStatus.Broken);
    }

    [Fact]
    public async Task A_scenario_level_check_changes_the_scenario_s_status_and_no_step()
    {
        var r = await Run("A scenario check fails while every step passed");
        r.Status.Should().Be(StepStatus.Failed);
        r.Steps.Should().OnlyContain(s => s.Status == StepStatus.Passed);
        r.Error.Should().Contain("scenario check").And.Contain("the scenario check said failed");
    }

    [Fact]
    public async Task The_history_file_is_written_after_the_checks_with_every_verdict()
    {
        var dir = Directory.CreateTempSubdirectory("sanchaos-history-").FullName;
        try
        {
            var (r, _) = await new ScenarioRunner(Samples.Bindings).RunAsync(Samples.Scenario("deferred.feature", "A verdict is kept in the scenario's history file"),
                TestContext.Current.CancellationToken, c => c.ArtifactDirectory = dir);

            r.Status.Should().Be(StepStatus.Passed);
            var events = HistoryFile.Read(Path.Combine(dir, "history.jsonl"));
            var verdict = events.Should().ContainSingle(e => e.Kind == EventKinds.Verdict).Which;
            verdict.Source.Should().Be("split-brain");
            verdict.Data.Should().Contain("status", "valid").And.Contain("margin_s", "1.5").And.ContainKey("line");
            events[^1].Kind.Should().Be(EventKinds.Verdict, "the file is written after the checks");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_step_a_check_failed_at_the_end_is_in_the_history_file()
    {
        var dir = Directory.CreateTempSubdirectory("sanchaos-history-").FullName;
        try
        {
            await new ScenarioRunner(Samples.Bindings).RunAsync(Samples.Scenario("deferred.feature", "A deferred check fails at the end"),
                TestContext.Current.CancellationToken, c => c.ArtifactDirectory = dir);

            HistoryFile.Read(Path.Combine(dir, "history.jsonl")).Should()
                .Contain(e => e.Kind == EventKinds.StepEnded && e.Message.Contains("checked at the end") && e.Data["status"] == "Failed");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
