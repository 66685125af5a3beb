namespace SanChaos.Reporting.Compare;

/// <summary>What became of a scenario between the two runs.</summary>
public enum ComparisonOutcome
{
    /// <summary>Same status and verdicts, no figure past the thresholds.</summary>
    Unchanged,
    /// <summary>Worse: a figure past the threshold, a verdict no longer valid, or a status that no longer passes.</summary>
    Regressed,
    /// <summary>Better, and nothing worse.</summary>
    Improved,
    /// <summary>Only in the candidate.</summary>
    New,
    /// <summary>Only in the baseline (not run, or renamed).</summary>
    Missing,
}
