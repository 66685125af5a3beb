using FluentAssertions;
using SanChaos.Core.History;
using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Samples;
using Xunit;

namespace SanChaos.Gherkin.Tests;

public sealed class RunnerTests
{
    private static Task<(ScenarioResult Result, Exception? Cause)> Run(string file, string scenario, CancellationToken ct = default) =>
        new ScenarioRunner(Samples.Bindings).RunAsync(Samples.Scenario(file, scenario), ct);

    [Fact]
    public async Task A_passing_scenario_records_every_step_with_start_duration_and_binding()
    {
        var (r, cause) = await Run("failover.feature", "Power loss of the primary");
        cause.Should().BeNull();
        r.Status.Should().Be(StepStatus.Passed);
        r.Steps.Should().HaveCount(5).And.OnlyContain(s => s.Status == StepStatus.Passed && s.Started != null && s.Binding != null);
        r.Steps[2].Binding.Should().Contain("PrimaryLosesPower");
        r.Steps.Select(s => s.Line).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Async_steps_are_awaited_and_bindings_share_the_scenario_context()
    {
        var (r, _) = await Run("failover.feature", "Slow step is async");
        r.Status.Should().Be(StepStatus.Passed, r.Error);
        r.Steps.Single(s => s.Text.StartsWith("we wait", StringComparison.Ordinal)).Duration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45));
    }

    [Fact]
    public async Task Typed_parameters_tables_doc_strings_and_enums_reach_the_binding()
    {
        var scenario = Samples.Scenario("failover.feature", "Serial cable pulled with a table and a doc string");
        Gherkin.Execution.ScenarioContext? seen = null;
        var (r, _) = await new ScenarioRunner(Samples.Bindings).RunAsync(scenario, default, ctx => seen = ctx);
        r.Status.Should().Be(StepStatus.Passed, r.Error);
        seen!.Items["doc"].Should().Be("Link weasel:/dev/ttyS1 dead.");
        seen.Items["state"].Should().Be(LinkState.Dead);
        ((Gherkin.Model.DataTable)seen.Items["cables"]!).Rows.Should().HaveCount(2);
    }

    [Fact]
    public async Task Durations_convert_from_the_step_text()
    {
        var scenario = Samples.File("failover.feature").Scenarios.Single(s => s.Name.StartsWith("Power loss of otter", StringComparison.Ordinal));
        Gherkin.Execution.ScenarioContext? seen = null;
        var (r, _) = await new ScenarioRunner(Samples.Bindings).RunAsync(scenario, default, ctx => seen = ctx);
        r.Status.Should().Be(StepStatus.Passed, r.Error);
        seen!.Items["budget"].Should().Be(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task An_undefined_step_fails_with_file_line_and_a_binding_skeleton_and_skips_the_rest()
    {
        var (r, cause) = await Run("problems.feature", "Undefined step");
        r.Status.Should().Be(StepStatus.Undefined);
        r.Steps.Select(s => s.Status).Should().Equal(StepStatus.Passed, StepStatus.Undefined, StepStatus.Skipped);
        cause!.Message.Should().Contain("tests/SanChaos.Gherkin.Samples/features/problems.feature:6")
            .And.Contain("the flux capacitor is unplugged for 3 s")
            .And.Contain("[When(@\"^the flux capacitor is unplugged for (\\d+(?:\\.\\d+)?\\s?(?:ms|s|min|h))$\")]")
            .And.Contain("public Task WhenTheFluxCapacitorIsUnpluggedFor(TimeSpan duration1)");
    }

    [Fact]
    public async Task The_skeleton_for_an_undefined_step_matches_that_step()
    {
        var (_, cause) = await Run("problems.feature", "Undefined step");
        var pattern = System.Text.RegularExpressions.Regex.Match(cause!.Message, "\\[When\\(@\"(.*)\"\\)\\]").Groups[1].Value.Replace("\"\"", "\"");
        System.Text.RegularExpressions.Regex.IsMatch("the flux capacitor is unplugged for 3 s", pattern).Should().BeTrue(pattern);
    }

    [Fact]
    public async Task An_ambiguous_step_lists_every_matching_binding_and_runs_none()
    {
        var (r, cause) = await Run("problems.feature", "Ambiguous step");
        r.Status.Should().Be(StepStatus.Ambiguous);
        cause!.Message.Should().Contain("problems.feature:10").And.Contain("matches 2 bindings")
            .And.Contain("SampleBindings.SwitchLosesPower").And.Contain("OtherBindings.DeviceLosesPower");
    }

    [Fact]
    public async Task A_value_that_does_not_convert_names_the_value_the_parameter_and_what_to_write()
    {
        var (r, cause) = await Run("problems.feature", "Conversion error");
        r.Status.Should().Be(StepStatus.Failed);
        cause!.Message.Should().Contain("problems.feature:13").And.Contain("'30 parsecs'").And.Contain("parameter 'budget'")
            .And.Contain("TimeSpan").And.Contain("10 s");
    }

    [Fact]
    public async Task Steps_after_a_failed_step_are_skipped_and_after_hooks_still_run()
    {
        var (r, cause) = await Run("problems.feature", "Failing assertion skips the rest");
        r.Status.Should().Be(StepStatus.Failed);
        r.Steps.Select(s => s.Status).Should().Equal(StepStatus.Failed, StepStatus.Skipped, StepStatus.Skipped);
        r.Steps[1].Started.Should().BeNull();
        cause!.Message.Should().Contain("a Heartbeat v1 pair has two storage nodes");
    }

    [Fact]
    public async Task A_step_the_lab_cannot_run_skips_the_scenario_with_the_reason_and_the_steps_after_it()
    {
        var (r, cause) = await Run("skipped.feature", "A drill of a cable this lab does not have");
        r.Status.Should().Be(StepStatus.Skipped);
        r.Steps.Select(s => s.Status).Should().Equal(StepStatus.Passed, StepStatus.Skipped, StepStatus.Skipped);
        r.Steps[1].Error.Should().Contain("lacks ISerialCableControl");
        cause.Should().BeOfType<SkippedStepException>().Which.Remedy.Should().Be("drill a lab with a serial relay.");
        r.Error.Should().Contain("lab sample cannot pull the serial cable");
    }

    [Fact]
    public async Task A_scenario_cancelled_mid_fault_still_runs_its_heal()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var (r, cause) = await Run("problems.feature", "Cancelled mid-fault still heals", cts.Token);
        r.Status.Should().Be(StepStatus.Failed);
        r.Steps.Select(s => s.Status).Should().Equal(StepStatus.Passed, StepStatus.Failed);
        cause.Should().BeOfType<OperationCanceledException>().Which.Message.Should().Contain("problems.feature:");
        lock (SampleWorld.Heals) SampleWorld.Heals.Should().Contain("Cancelled mid-fault still heals");
    }

    [Fact]
    public async Task Scenario_objects_are_disposed_at_the_end()
    {
        var before = SampleWorld.Disposed;
        await Run("failover.feature", "Power loss of the primary");
        SampleWorld.Disposed.Should().BeGreaterThan(before);
    }

    [Fact]
    public async Task Step_start_and_end_go_into_the_run_history_with_monotonic_timestamps()
    {
        Gherkin.Execution.ScenarioContext? seen = null;
        await new ScenarioRunner(Samples.Bindings).RunAsync(Samples.Scenario("failover.feature", "Power loss of the primary"), default, c => seen = c);
        var events = seen!.Run.History.Events;
        events.Count(e => e.Kind == EventKinds.StepStarted).Should().Be(5);
        events.Count(e => e.Kind == EventKinds.StepEnded).Should().Be(5);
        events.Select(e => e.Timestamp).Should().BeInAscendingOrder();
        events.Last().Data["status"].Should().Be("Passed");
    }

    [Fact]
    public async Task A_secret_in_a_scenario_record_is_masked_in_the_json_lines_sink()
    {
        var secret = "chap-" + Guid.NewGuid().ToString("N") + "\"";
        Core.Secrets.Redactor.Register(secret);
        var path = Path.Combine(Path.GetTempPath(), $"sanchaos-results-{Guid.NewGuid():N}.jsonl");
        try
        {
            var (r, _) = await Run("failover.feature", "Power loss of the primary");
            new JsonLinesResultSink(path).Write(r with { Error = $"login with {secret} refused", TeardownErrors = [secret] });
            File.ReadAllText(path).Should().NotContain(secret.TrimEnd('"'));
            var back = JsonLinesResultSink.Read(path).Single();
            back.Error.Should().Be("login with *** refused");
            back.TeardownErrors.Should().Equal("***");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Results_round_trip_through_the_json_lines_sink()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sanchaos-results-{Guid.NewGuid():N}.jsonl");
        try
        {
            var sink = new JsonLinesResultSink(path);
            var (a, _) = await Run("failover.feature", "Power loss of the primary");
            var (b, _) = await Run("problems.feature", "Undefined step");
            sink.Write(a);
            sink.Write(b);
            var back = JsonLinesResultSink.Read(path);
            back.Select(x => x.Status).Should().Equal(StepStatus.Passed, StepStatus.Undefined);
            back[1].Steps.Select(s => s.Status).Should().Equal(b.Steps.Select(s => s.Status));
            back[1].Error.Should().Contain("Undefined step");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_dry_run_runs_the_given_and_when_steps_prints_each_then_step_as_a_check_it_would_make_and_records_the_scenario_as_skipped()
    {
        var lines = new List<string>();
        ScenarioContext? seen = null;
        var (r, cause) = await new ScenarioRunner(Samples.Bindings) { DryRun = true, DryRunOutput = lines.Add }
            .RunAsync(Samples.Scenario("failover.feature", "Power loss of the primary"), default, ctx => seen = ctx);

        cause.Should().BeNull();
        seen!.DryRun.Should().BeTrue("bindings read it to print instead of acting");
        r.Status.Should().Be(StepStatus.Skipped);
        r.Error.Should().Be(ScenarioRunner.DryRunReason);
        r.Steps.Select(s => s.Status).Should().Equal(StepStatus.Passed, StepStatus.Passed, StepStatus.Passed, StepStatus.Skipped, StepStatus.Skipped);
        lines.Should().Equal(
            "DRY RUN: step: Given a lab with 2 storage nodes (tests/SanChaos.Gherkin.Samples/features/failover.feature:6)",
            "DRY RUN: step: And the resource group runs on \"weasel\" (tests/SanChaos.Gherkin.Samples/features/failover.feature:7)",
            "DRY RUN: step: When the primary loses power (tests/SanChaos.Gherkin.Samples/features/failover.feature:11)",
            "DRY RUN: would check: Then \"otter\" holds the resources within 30 s (tests/SanChaos.Gherkin.Samples/features/failover.feature:12)",
            "DRY RUN: would check: But no write was lost (tests/SanChaos.Gherkin.Samples/features/failover.feature:13)");
    }

    [Fact]
    public async Task A_dry_run_runs_no_deferred_check_so_nothing_is_judged()
    {
        var (r, _) = await new ScenarioRunner(Samples.Bindings) { DryRun = true, DryRunOutput = _ => { } }
            .RunAsync(Samples.Scenario("deferred.feature", "A deferred check fails at the end"));

        r.Status.Should().Be(StepStatus.Skipped, "the check that says failed never ran");
        r.Verdicts.Should().BeEmpty();
    }

    [Fact]
    public async Task A_dry_run_whose_when_step_fails_is_a_failure_not_a_skip()
    {
        var (r, _) = await new ScenarioRunner(Samples.Bindings) { DryRun = true, DryRunOutput = _ => { } }
            .RunAsync(Samples.Scenario("problems.feature", "Undefined step"));

        r.Status.Should().Be(StepStatus.Undefined, "a drill that cannot even be walked through says so");
    }
}
