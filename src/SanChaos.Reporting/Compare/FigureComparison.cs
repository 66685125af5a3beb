namespace SanChaos.Reporting.Compare;

/// <summary>One figure of a scenario before and after.</summary>
/// <param name="Name">The figure (a scenario figure's name, or <c>checker.figure</c> for a verdict's).</param>
/// <param name="Unit"><c>s</c> for times (values in seconds), else the unit word as written (may be empty).</param>
/// <param name="Baseline">Its value in the baseline run, or null when the baseline has none.</param>
/// <param name="Candidate">Its value in the candidate run, or null when the candidate has none.</param>
/// <param name="Change">Candidate minus baseline, when both exist.</param>
/// <param name="ChangePercent">The change as a share of the baseline, % (null when the baseline is 0 or missing).</param>
/// <param name="HigherIsBetter">True for throughput-like figures.</param>
/// <param name="Regression">Worse by more than the thresholds (<see cref="ComparisonOptions"/>).</param>
/// <param name="Improvement">Better by more than the thresholds.</param>
public sealed record FigureComparison(string Name, string Unit, double? Baseline, double? Candidate, double? Change, double? ChangePercent,
    bool HigherIsBetter, bool Regression, bool Improvement);
