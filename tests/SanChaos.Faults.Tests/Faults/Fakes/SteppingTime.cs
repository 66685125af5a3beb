namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>A clock whose monotonic timestamp moves 1 ms forward every time it is read (and wall time with it).</summary>
public sealed class SteppingTime : TimeProvider
{
    private long _ticks;
    private readonly DateTimeOffset _start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerMillisecond);

    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
}
