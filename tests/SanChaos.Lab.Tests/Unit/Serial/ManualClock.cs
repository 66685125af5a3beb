namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>A monotonic clock the test moves (thread-safe: the relay's thread reads it while the test advances it).</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
