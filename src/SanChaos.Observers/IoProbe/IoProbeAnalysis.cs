namespace SanChaos.Observers.IoProbe;

/// <summary>
/// What an application writing through the device saw, from the probe's writes: the longest stall, the error windows,
/// throughput per second and over any interval, latency percentiles. All times are on the harness's clock: the node's
/// timestamps minus <see cref="NodeClockOffset"/>.
/// </summary>
public sealed class IoProbeAnalysis
{
    private readonly IoWrite[] _writes;
    private readonly List<IoStall> _stalls;

    private IoProbeAnalysis(IoWrite[] writes, int blockSize, TimeSpan offset, DateTimeOffset start, DateTimeOffset end)
    {
        _writes = writes;
        BlockSize = blockSize;
        NodeClockOffset = offset;
        Start = start;
        End = end;
        _stalls = FindStalls();
        ErrorWindows = FindErrorWindows();
        Seconds = PerSecond();
        Latency = IoLatency.Of(writes.Where(w => w.Acknowledged).Select(w => w.Latency));
        Total = Throughput(start, end);
    }

    /// <summary>Bytes per write.</summary>
    public int BlockSize { get; }

    /// <summary>How far the node's clock was ahead of the harness's (negative: behind); subtracted from every node time.</summary>
    public TimeSpan NodeClockOffset { get; }

    /// <summary>The first write's submit (or the end, when there was none).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The end of observation: the given one, else the last write's return.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Every write, in sequence order.</summary>
    public IReadOnlyList<IoWrite> Writes => _writes;

    /// <summary>The longest interval without an acknowledged write, or null when there was no write at all.</summary>
    public IoStall? LongestStall => _stalls.Count == 0 ? null : _stalls.MaxBy(s => s.Duration);

    /// <summary>Runs of failed writes, in time order.</summary>
    public IReadOnlyList<IoErrorWindow> ErrorWindows { get; }

    /// <summary>
    /// Per whole second of the harness's clock, from the second of the first return to that of the last (seconds in
    /// which nothing returned are there, with zeros).
    /// </summary>
    public IReadOnlyList<IoSecond> Seconds { get; }

    /// <summary>Latency percentiles of acknowledged writes.</summary>
    public IoLatency Latency { get; }

    /// <summary>Throughput from <see cref="Start"/> to <see cref="End"/>.</summary>
    public IoThroughput Total { get; }

    /// <summary>Analyses <paramref name="writes"/>.</summary>
    /// <param name="writes">The probe's writes (any order; sorted by sequence number here).</param>
    /// <param name="blockSize">Bytes per write (the header's <c>block</c>).</param>
    /// <param name="nodeClockOffset">How far the node's clock is ahead of the harness's; <see cref="TimeSpan.Zero"/> if unknown.</param>
    /// <param name="observedUntil">
    /// When observation ended on the harness's clock (the probe was stopped). A stall still going on then ends there,
    /// unrecovered. Default: the last write's return.
    /// </param>
    public static IoProbeAnalysis Analyze(IEnumerable<IoWrite> writes, int blockSize, TimeSpan nodeClockOffset, DateTimeOffset? observedUntil = null)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        var sorted = writes.OrderBy(w => w.Seq).ToArray();
        var lastReturn = sorted.Length == 0 ? (DateTimeOffset?)null : sorted.Max(w => w.Completed(nodeClockOffset));
        var end = observedUntil is { } u && (lastReturn is null || u > lastReturn) ? u : lastReturn ?? observedUntil ?? DateTimeOffset.UnixEpoch;
        var start = sorted.Length == 0 ? end : sorted[0].Submitted(nodeClockOffset);
        return new IoProbeAnalysis(sorted, blockSize, nodeClockOffset, start, end);
    }

    /// <summary>Every interval without an acknowledged write of at least <paramref name="atLeast"/>, in time order.</summary>
    public IReadOnlyList<IoStall> Stalls(TimeSpan atLeast) => _stalls.Where(s => s.Duration >= atLeast).ToArray();

    /// <summary>Throughput of the writes that returned in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IoThroughput Throughput(DateTimeOffset from, DateTimeOffset to)
    {
        int ok = 0, errors = 0;
        foreach (var w in _writes)
        {
            var c = w.Completed(NodeClockOffset);
            // The end of observation belongs to the last interval.
            if (c < from || c > to || (c == to && to != End)) continue;
            if (w.Acknowledged) ok++;
            else errors++;
        }

        return new IoThroughput(from, to, ok, errors, (long)ok * BlockSize);
    }

    /// <summary>
    /// Throughput before [<paramref name="from"/>, <paramref name="to"/>) (from <see cref="Start"/>), during it, and
    /// after it (to <see cref="End"/>). A window reaching past the observation is cut to it.
    /// </summary>
    public IoPhases Around(DateTimeOffset from, DateTimeOffset to)
    {
        var a = Clamp(from);
        var b = Clamp(to < from ? from : to);
        var after = b == End ? new IoThroughput(End, End, 0, 0, 0) : Throughput(b, End);
        return new IoPhases(Throughput(Start, a), Throughput(a, b), after);
    }

    private DateTimeOffset Clamp(DateTimeOffset t) => t < Start ? Start : t > End ? End : t;

    private List<IoStall> FindStalls()
    {
        var stalls = new List<IoStall>();
        if (_writes.Length == 0) return stalls;
        var since = Start;
        long? before = null;
        var failed = 0;
        foreach (var w in _writes.OrderBy(w => w.CompleteNs))
        {
            if (!w.Acknowledged)
            {
                failed++;
                continue;
            }

            var at = w.Completed(NodeClockOffset);
            stalls.Add(new IoStall(since, at, before, w.Seq, failed));
            (since, before, failed) = (at, w.Seq, 0);
        }

        stalls.Add(new IoStall(since, End, before, null, failed));
        return stalls;
    }

    private List<IoErrorWindow> FindErrorWindows()
    {
        var windows = new List<IoErrorWindow>();
        List<IoWrite>? open = null;
        foreach (var w in _writes)
        {
            if (!w.Acknowledged)
            {
                (open ??= new List<IoWrite>()).Add(w);
                continue;
            }

            Close();
        }

        Close();
        return windows;

        void Close()
        {
            if (open is null) return;
            var errors = open.GroupBy(w => w.Outcome, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            windows.Add(new IoErrorWindow(open[0].Completed(NodeClockOffset), open[^1].Completed(NodeClockOffset), open[0].Seq, open[^1].Seq,
                open.Count, errors));
            open = null;
        }
    }

    private List<IoSecond> PerSecond()
    {
        var seconds = new List<IoSecond>();
        if (_writes.Length == 0) return seconds;
        var byCompletion = _writes.Select(w => (At: w.Completed(NodeClockOffset), Write: w)).OrderBy(x => x.At).ToArray();
        var first = Floor(byCompletion[0].At);
        var count = (int)((Floor(byCompletion[^1].At) - first).Ticks / TimeSpan.TicksPerSecond) + 1;
        var ok = new int[count];
        var errors = new int[count];
        var max = new TimeSpan[count];
        foreach (var (at, w) in byCompletion)
        {
            var i = (int)((Floor(at) - first).Ticks / TimeSpan.TicksPerSecond);
            if (w.Acknowledged) ok[i]++;
            else errors[i]++;
            if (w.Latency > max[i]) max[i] = w.Latency;
        }

        for (var i = 0; i < count; i++)
            seconds.Add(new IoSecond(first.AddSeconds(i), ok[i], errors[i], (long)ok[i] * BlockSize, max[i]));
        return seconds;
    }

    /// <summary>How many writes were acknowledged after <paramref name="t"/> (harness clock): "is I/O flowing again?".</summary>
    public int AcknowledgedAfter(DateTimeOffset t) => _writes.Count(w => w.Acknowledged && w.Completed(NodeClockOffset) > t);

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
}
