namespace SanChaos.Reporting.Compare;

/// <summary>A before/after comparison of two runs (<see cref="RunComparer"/>).</summary>
/// <param name="Baseline">The baseline run folder.</param>
/// <param name="Candidate">The candidate run folder.</param>
/// <param name="ThresholdPercent">The threshold used, %.</param>
/// <param name="MinTimeChangeSeconds">The smallest change of a time that counts, s.</param>
/// <param name="Scenarios">Every scenario of either run: the baseline's order, then the candidate's new ones.</param>
public sealed record RunComparison(string Baseline, string Candidate, double ThresholdPercent, double MinTimeChangeSeconds,
    IReadOnlyList<ScenarioComparison> Scenarios)
{
    /// <summary>True when a scenario regressed (the command exits 1).</summary>
    public bool HasRegression => Scenarios.Any(s => s.Outcome == ComparisonOutcome.Regressed);
}
