namespace SanChaos.Observers.Tests.IoProbe.Fakes;

/// <summary>A wall clock the test sets; the monotonic clock is the system's.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
