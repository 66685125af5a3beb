namespace SanChaos.Labs;

/// <summary>How a degraded link misbehaves (netem terms).</summary>
/// <param name="Delay">Added one-way delay; zero for none.</param>
/// <param name="Jitter">Delay variation; zero for none.</param>
/// <param name="LossPercent">Frames dropped, 0–100.</param>
public sealed record LinkDegradation(TimeSpan Delay, TimeSpan Jitter, double LossPercent)
{
    /// <summary>The <c>tc qdisc ... netem</c> arguments for this degradation.</summary>
    public string NetemArguments()
    {
        var parts = new List<string>();
        if (Delay > TimeSpan.Zero)
            parts.Add(FormattableString.Invariant($"delay {Delay.TotalMilliseconds:0.###}ms") +
                      (Jitter > TimeSpan.Zero ? FormattableString.Invariant($" {Jitter.TotalMilliseconds:0.###}ms") : ""));
        if (LossPercent > 0) parts.Add(FormattableString.Invariant($"loss {LossPercent:0.###}%"));
        return parts.Count == 0 ? "delay 0ms" : string.Join(' ', parts);
    }
}
