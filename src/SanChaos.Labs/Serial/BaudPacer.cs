namespace SanChaos.Labs.Serial;

/// <summary>
/// A token bucket that lets one direction of a serial line carry bytes at its baud rate (8N1: ten bits a byte). It holds
/// at most <see cref="Burst"/> bytes of credit, 50 ms of line time, so an idle line sends a short burst at once and a
/// busy one settles at the rate. Driven by an injected clock; not thread-safe (the relay calls it under its lock).
/// </summary>
internal sealed class BaudPacer
{
    /// <summary>How much line time the bucket holds.</summary>
    public static readonly TimeSpan BurstTime = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _time;
    private double _credit;
    private long _last;

    public BaudPacer(int baud, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baud, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        BytesPerSecond = baud / 10.0;
        Burst = Math.Max(1, (int)(BytesPerSecond * BurstTime.TotalSeconds));
        _credit = Burst;
        _last = time.GetTimestamp();
    }

    /// <summary>The rate: a tenth of the baud rate.</summary>
    public double BytesPerSecond { get; }

    /// <summary>The most bytes sent at once after the line was idle.</summary>
    public int Burst { get; }

    /// <summary>Whole bytes the line may carry now.</summary>
    public int Available
    {
        get
        {
            Refill();
            return (int)Math.Floor(_credit);
        }
    }

    /// <summary>Spends <paramref name="bytes"/> of credit (bytes just sent).</summary>
    public void Take(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Refill();
        _credit -= bytes;
    }

    /// <summary>How long until <paramref name="bytes"/> (at most <see cref="Burst"/>) may be sent; zero when they may now.</summary>
    public TimeSpan Until(int bytes)
    {
        Refill();
        var missing = Math.Min(bytes, Burst) - _credit;
        return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing / BytesPerSecond);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now);
        _last = now;
        if (elapsed > TimeSpan.Zero) _credit = Math.Min(Burst, _credit + elapsed.TotalSeconds * BytesPerSecond);
    }
}
