using System.Text.Json;
using FluentAssertions;
using SanChaos.Reporting.Compare;
using SanChaos.Reporting.Runs;
using SanChaos.Reporting.Tests.Fixtures;
using Xunit;

namespace SanChaos.Reporting.Tests.Compare;

/// <summary><c>sanchaos compare</c>'s comparison on two fixture runs of the recorded kill-primary drill, the candidate
/// with a planted regression: everything the cluster does after the power cut 8 s later (a longer Heartbeat deadtime).</summary>
[Trait("Category", "unit")]
public sealed class RunComparerTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private (RunFolder Baseline, RunFolder Candidate) Runs(TimeSpan delay) =>
        (RunFolder.Load(RunFixtures.Write(_tmp.Path, "before")), RunFolder.Load(RunFixtures.Write(_tmp.Path, "after", delay)));

    [Fact]
    public void A_longer_takeover_is_flagged_as_a_regression()
    {
        var (b, c) = Runs(TimeSpan.FromSeconds(8));
        var result = RunComparer.Compare(b, c);
        result.HasRegression.Should().BeTrue();
        var kill = result.Scenarios.Single(s => s.Name == RunFixtures.KillPrimary);
        kill.Outcome.Should().Be(ComparisonOutcome.Regressed);
        var takeover = kill.Figures.Single(f => f.Name == "takeover complete");
        takeover.Unit.Should().Be("s");
        takeover.Change.Should().BeApproximately(8, 0.05);
        takeover.Regression.Should().BeTrue();
        kill.Figures.Single(f => f.Name == "io-stall.stall_s").Regression.Should().BeTrue("the checker's own figure");
        kill.Figures.Single(f => f.Name == "io errors").Regression.Should().BeFalse("as many writes failed");
        result.Scenarios.Single(s => s.Name == RunFixtures.Serial).Outcome.Should().Be(ComparisonOutcome.Unchanged);

        var text = RunComparer.Text(result);
        text.Should().Contain("takeover complete").And.Contain("REGRESSION").And.Contain("verdict: REGRESSION");
        var json = JsonDocument.Parse(RunComparer.ToJson(result)).RootElement;
        json.GetProperty("hasRegression").GetBoolean().Should().BeTrue();
        json.GetProperty("scenarios")[0].GetProperty("outcome").GetString().Should().Be("regressed");
        json.GetProperty("scenarios")[0].GetProperty("figures").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "takeover complete").GetProperty("regression").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void The_same_run_twice_and_noise_under_the_thresholds_are_no_regression()
    {
        var (b, c) = Runs(TimeSpan.FromMilliseconds(300));
        RunComparer.Compare(b, b).HasRegression.Should().BeFalse();
        var result = RunComparer.Compare(b, c);
        result.HasRegression.Should().BeFalse("0.3 s is under the 0.5 s a time must change by");
        RunComparer.Compare(b, c, new ComparisonOptions { MinTimeChange = TimeSpan.FromMilliseconds(100), ThresholdPercent = 0.5 }).HasRegression.Should().BeTrue();
    }

    [Fact]
    public void A_verdict_that_is_no_longer_valid_is_a_regression_and_one_that_became_valid_an_improvement()
    {
        var ok = new Gherkin.Execution.ScenarioVerdict("split-brain", "valid", "one primary", []);
        var bad = ok with { Status = "invalid", Summary = "two primaries" };
        Gherkin.Execution.ScenarioResult R(Gherkin.Execution.ScenarioVerdict v) => new("f.feature:3", "f.feature", "F", "S", [], "r", 1,
            Gherkin.Execution.StepStatus.Passed, DateTimeOffset.UnixEpoch, TimeSpan.Zero, [], null, [], [], null, [v]);
        var worse = RunComparer.Scenario("k", R(ok), R(bad), new ComparisonOptions());
        worse.Outcome.Should().Be(ComparisonOutcome.Regressed);
        worse.CandidateStatus.Should().Be("failed");
        RunComparer.Scenario("k", R(bad), R(ok), new ComparisonOptions()).Outcome.Should().Be(ComparisonOutcome.Improved);
        RunComparer.Scenario("k", null, R(ok), new ComparisonOptions()).Outcome.Should().Be(ComparisonOutcome.New);
        RunComparer.Scenario("k", R(ok), null, new ComparisonOptions()).Outcome.Should().Be(ComparisonOutcome.Missing);
    }

    [Theory]
    [InlineData("+12.3 s", 12.3, "s")]
    [InlineData("850 ms", 0.85, "s")]
    [InlineData("2 min", 120, "s")]
    [InlineData("36.479 s without an acknowledged write, from ...", 36.479, "s")]
    [InlineData("786 write(s) failed (EIO=786)", 786, "write(s)")]
    [InlineData("42", 42, "")]
    public void Figures_are_read_as_people_wrote_them(string text, double value, string unit)
    {
        FigureValue.TryParse(text, out var v, out var u).Should().BeTrue();
        v.Should().BeApproximately(value, 1e-9);
        u.Should().Be(unit);
    }

    [Fact]
    public void Text_that_is_not_a_number_is_no_figure_and_throughput_is_better_higher()
    {
        FigureValue.TryParse("power-off weasel: injected", out _, out _).Should().BeFalse();
        FigureValue.FromVerdict("stall_ms", 1500).Should().Be((1.5, "s"));
        FigureValue.FromVerdict("writes_per_s", 140).Should().Be((140, ""));
        FigureValue.HigherIsBetter("writes_per_s", "").Should().BeTrue();
        FigureValue.HigherIsBetter("takeover complete", "s").Should().BeFalse();
        // Sizes of a checker's evidence are shown, never judged: more writes checked is not a regression (seen on trixie).
        FigureValue.IsJudged("acknowledged-writes.checked").Should().BeFalse();
        FigureValue.IsJudged("forbidden-lines.lines_read").Should().BeFalse();
        FigureValue.IsJudged("acknowledged-writes.lost").Should().BeTrue();
        FigureValue.IsJudged("takeover complete").Should().BeTrue();
        // Bytes the serial cable carried size the traffic; what it dropped is judged.
        FigureValue.IsJudged("serial_forwarded_bytes otter→weasel").Should().BeFalse();
        FigureValue.IsJudged("serial_dropped_bytes otter→weasel (overrun)").Should().BeTrue();
        FigureValue.IsJudged("hb_auth_failures weasel").Should().BeTrue();
    }
}
