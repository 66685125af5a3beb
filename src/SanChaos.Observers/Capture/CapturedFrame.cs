namespace SanChaos.Observers.Capture;

/// <summary>One frame as a capture saw it: its timestamp and its bytes from the Ethernet header on.</summary>
/// <param name="UnixNanoseconds">Capture time in nanoseconds since 1970-01-01 UTC (microsecond captures end in 000).</param>
/// <param name="Data">The captured bytes (at most the snap length).</param>
/// <param name="OriginalLength">The frame's length on the wire.</param>
public readonly record struct CapturedFrame(long UnixNanoseconds, byte[] Data, int OriginalLength)
{
    /// <summary>The capture time (100 ns resolution, exact for microsecond captures).</summary>
    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks(UnixNanoseconds / 100);

    /// <summary>A frame stamped <paramref name="time"/> (microseconds and below are kept down to 100 ns).</summary>
    public static CapturedFrame At(DateTimeOffset time, byte[] data) =>
        new((time - DateTimeOffset.UnixEpoch).Ticks * 100, data, data.Length);
}
