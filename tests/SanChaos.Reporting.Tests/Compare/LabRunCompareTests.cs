using FluentAssertions;
using SanChaos.Reporting.Compare;
using SanChaos.Reporting.Runs;
using Xunit;

namespace SanChaos.Reporting.Tests.Compare;

/// <summary>
/// <c>sanchaos compare</c> on a real run of the smoke drills on the embedded lab (Fixtures/lab-smoke-run: scenarios.jsonl
/// and environment.json of a `dotnet test --filter Category=smoke` run, 2026-11-29) against itself, and against a copy
/// with a planted regression: the power loss's takeover 8 s later, as a longer Heartbeat deadtime would make it.
/// </summary>
[Trait("Category", "unit")]
public sealed class LabRunCompareTests : IDisposable
{
    private const string PowerLoss = "The primary loses power while multipath queues I/O";
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static string Real => Path.Combine("Fixtures", "lab-smoke-run");

    private string Planted()
    {
        var dir = Path.Combine(_tmp.Path, "planted");
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(Real, "environment.json"), Path.Combine(dir, "environment.json"));
        var lines = File.ReadAllLines(Path.Combine(Real, "scenarios.jsonl")).Select(l => l.Contains(PowerLoss, StringComparison.Ordinal)
            ? l.Replace("\"value\":\"\\u002B37.5 s\"", "\"value\":\"\\u002B45.5 s\"", StringComparison.Ordinal)
            : l).ToArray();
        lines.Should().Contain(l => l.Contains("45.5 s", StringComparison.Ordinal), "the planted takeover is in the copy");
        File.WriteAllLines(Path.Combine(dir, "scenarios.jsonl"), lines);
        return dir;
    }

    [Fact]
    public void A_real_run_against_itself_has_no_regression()
    {
        var run = RunFolder.Load(Real);
        run.Scenarios.Should().HaveCount(3);
        var result = RunComparer.Compare(run, RunFolder.Load(Real));
        result.HasRegression.Should().BeFalse();
        result.Scenarios.Should().OnlyContain(s => s.Outcome == ComparisonOutcome.Unchanged);
    }

    [Fact]
    public void A_longer_takeover_planted_in_a_real_run_is_flagged()
    {
        var result = RunComparer.Compare(RunFolder.Load(Real), RunFolder.Load(Planted()));
        result.HasRegression.Should().BeTrue();
        var kill = result.Scenarios.Single(s => s.Name == PowerLoss);
        kill.Outcome.Should().Be(ComparisonOutcome.Regressed);
        var takeover = kill.Figures.Single(f => f.Name == "takeover complete");
        takeover.Change.Should().BeApproximately(8, 0.05);
        takeover.Regression.Should().BeTrue();
        result.Scenarios.Where(s => s.Name != PowerLoss).Should().OnlyContain(s => s.Outcome == ComparisonOutcome.Unchanged);
        RunComparer.Text(result).Should().Contain("takeover complete").And.Contain("REGRESSION");
    }
}
