using System.Text.Json;
using FluentAssertions;
using SanChaos.Gherkin.Execution;
using SanChaos.Reporting.Allure;
using SanChaos.Reporting.Compare;
using SanChaos.Reporting.Runs;
using Xunit;

namespace SanChaos.Reporting.Tests.Allure;

/// <summary>
/// A scenario's lab repairs (made at its end, after its heals) in its Allure result and in <c>compare</c>. The repair is the
/// one the recovery made after the both-paths-lost drill on the embedded lab (RecoveryPlanner: weasel's Heartbeat stuck in
/// rscstatus transition with nobody holding the group, killed and started).
/// </summary>
[Trait("Category", "unit")]
public sealed class RepairReportTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static readonly ScenarioRepair Stuck = new("weasel",
        "no node holds the resource group and Heartbeat on weasel says rscstatus transition (others: otter rscstatus none)", 94.2,
        "hb_kill_start -> exit 0", true, "heartbeat-transition-no-holder", "sut", "baseline-audit",
        "recorded on the embedded lab after the both-paths-lost drill");

    private static ScenarioResult Scenario(IReadOnlyList<ScenarioRepair>? repairs) => new("features/paths.feature:9", "features/paths.feature", "Heartbeat paths",
        "Both heartbeat paths are lost", ["paths"], "run-1", 7, StepStatus.Passed, DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromMinutes(4),
        [new StepResult("When ", "both heartbeat paths are lost", 11, StepStatus.Passed, DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromSeconds(1), null, null)],
        null, [], [], null, [new ScenarioVerdict("baseline-audit", repairs is { Count: > 0 } ? "invalid" : "valid", "audit", [])], repairs);

    private string Run(string name, IReadOnlyList<ScenarioRepair>? repairs)
    {
        var dir = _tmp.Sub(name);
        new JsonLinesResultSink(Path.Combine(dir, "scenarios.jsonl")).Write(Scenario(repairs));
        return dir;
    }

    [Fact]
    public void A_repair_is_a_step_of_the_result_with_what_was_wrong_for_how_long_what_was_done_and_whose_doing_it_was()
    {
        var results = _tmp.Sub("allure");
        AllureResultsWriter.WriteRun(Run("with", [Stuck]), results);

        var doc = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(results, "*-result.json").Single())).RootElement;
        var step = doc.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString()!.StartsWith("lab repairs", StringComparison.Ordinal));
        step.GetProperty("name").GetString().Should().Be("lab repairs at the scenario's end: 1");
        step.GetProperty("status").GetString().Should().Be("failed", "a behaviour of the SAN");
        var repair = step.GetProperty("steps")[0];
        repair.GetProperty("name").GetString().Should().StartWith("weasel: no node holds the resource group");
        var parameters = repair.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString());
        parameters.Should().Contain("wrong for", "94.2 s").And.Contain("done", "hb_kill_start -> exit 0").And.Contain("judged by", "baseline-audit");
        doc.GetProperty("parameters").EnumerateArray().Should().Contain(p => p.GetProperty("name").GetString() == "lab repairs" && p.GetProperty("value").GetString() == "1");
        doc.GetProperty("descriptionHtml").GetString().Should().Contain("Lab repairs at the scenario");
    }

    [Fact]
    public void A_lab_artifact_is_broken_never_failed_and_a_scenario_without_repairs_has_no_repair_step()
    {
        var results = _tmp.Sub("allure");
        AllureResultsWriter.WriteRun(Run("artifact", [Stuck with { Class = "lab", Checker = null, Source = "the serial relay stopped" }]), results);
        var doc = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(results, "*-result.json").Single())).RootElement;
        doc.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString()!.StartsWith("lab repairs", StringComparison.Ordinal))
            .GetProperty("status").GetString().Should().Be("broken");

        var clean = _tmp.Sub("allure-clean");
        AllureResultsWriter.WriteRun(Run("clean", []), clean);
        var none = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(clean, "*-result.json").Single())).RootElement;
        none.GetProperty("steps").EnumerateArray().Should().NotContain(s => s.GetProperty("name").GetString()!.StartsWith("lab repairs", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_counts_repairs_a_new_one_is_a_regression_and_a_record_without_them_is_not_counted()
    {
        var before = RunFolder.Load(Run("before", []));
        var after = RunFolder.Load(Run("after", [Stuck]));

        var result = RunComparer.Compare(before, after);

        var s = result.Scenarios.Single();
        var figure = s.Figures.Single(f => f.Name == RunComparer.RepairsFigure);
        figure.Baseline.Should().Be(0);
        figure.Candidate.Should().Be(1);
        figure.Regression.Should().BeTrue();
        s.Outcome.Should().Be(ComparisonOutcome.Regressed);
        RunComparer.Text(result).Should().Contain("lab repairs: 0 in the baseline, 1 in the candidate");
        RunComparer.Compare(before, before).HasRegression.Should().BeFalse();

        var old = RunFolder.Load(Run("old", null));
        RunComparer.Compare(old, after).Scenarios.Single().Figures.Single(f => f.Name == RunComparer.RepairsFigure).Baseline.Should().BeNull();
    }
}
