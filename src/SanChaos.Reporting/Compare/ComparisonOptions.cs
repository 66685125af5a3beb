namespace SanChaos.Reporting.Compare;

/// <summary>When <see cref="RunComparer"/> calls a change a regression.</summary>
public sealed class ComparisonOptions
{
    /// <summary>A figure regresses when it gets worse by more than this share of its baseline value. Default 10 (%).</summary>
    public double ThresholdPercent { get; init; } = 10;

    /// <summary>...and, for a time, by at least this much (scheduling noise on a busy host is not a regression). Default 0.5 s.</summary>
    public TimeSpan MinTimeChange { get; init; } = TimeSpan.FromMilliseconds(500);
}
