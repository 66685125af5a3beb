namespace SanChaos.Core.History;

/// <summary>The history event kinds <c>IoProbeObserver</c> (SanChaos.Observers) records (source <c>io-probe</c>).</summary>
public static class IoEventKinds
{
    /// <summary>What every I/O probe kind starts with (<c>io.</c>).</summary>
    public const string Prefix = "io.";

    /// <summary>The probe runs: node, device, region, probe run id, its load. Stamped when the first write returned.</summary>
    public const string Started = "io.started";

    /// <summary>One whole second (stamped at its start): <c>ok</c>, <c>errors</c>, <c>bytes_ok</c>, <c>max_latency_ms</c>.</summary>
    public const string Second = "io.second";

    /// <summary>A run of failed writes (stamped at the first): <c>count</c>, <c>errors</c> (<c>EIO=37</c>), <c>first</c>, <c>last</c>, seqs.</summary>
    public const string Errors = "io.errors";

    /// <summary>The longest interval without an acknowledged write (stamped at its start): <c>duration_ms</c>, <c>start</c>, <c>end</c>, <c>recovered</c>.</summary>
    public const string Stall = "io.stall";

    /// <summary>Totals, latency percentiles, throughput before/during/after the faults, the probe's end.</summary>
    public const string Summary = "io.summary";

    /// <summary>
    /// Every acknowledged write held against the reads of its slot (during the run and after the stop): counts, the
    /// findings (lost, stale, torn, unexpected, unreadable) with sequence numbers and times, the writes replaced unread.
    /// </summary>
    public const string Readback = "io.readback";
}
