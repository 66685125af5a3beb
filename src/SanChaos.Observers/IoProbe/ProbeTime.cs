namespace SanChaos.Observers.IoProbe;

/// <summary>The probe's nanosecond times (node CLOCK_REALTIME) on the harness's clock.</summary>
internal static class ProbeTime
{
    /// <summary>Node time <paramref name="ns"/> (since the Unix epoch) minus the node's offset (positive: node ahead).</summary>
    public static DateTimeOffset ToHarness(long ns, TimeSpan nodeClockOffset) =>
        DateTimeOffset.UnixEpoch.AddTicks(ns / 100) - nodeClockOffset;

    /// <summary>A span of <paramref name="ns"/> nanoseconds.</summary>
    public static TimeSpan Span(long ns) => TimeSpan.FromTicks(ns / 100);
}
