namespace SanChaos.Observers.IoProbe;

/// <summary>Latency percentiles (nearest rank) of acknowledged writes.</summary>
/// <param name="Count">How many writes they cover (0: all values are zero).</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Longest.</param>
public sealed record IoLatency(int Count, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan P999, TimeSpan Max)
{
    /// <summary>Percentiles of <paramref name="latencies"/> (any order).</summary>
    public static IoLatency Of(IEnumerable<TimeSpan> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        var s = latencies.Order().ToArray();
        if (s.Length == 0) return new IoLatency(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        TimeSpan Rank(double p) => s[Math.Clamp((int)Math.Ceiling(p * s.Length) - 1, 0, s.Length - 1)];
        return new IoLatency(s.Length, Rank(0.50), Rank(0.90), Rank(0.99), Rank(0.999), s[^1]);
    }
}
