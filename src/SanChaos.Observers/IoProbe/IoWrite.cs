namespace SanChaos.Observers.IoProbe;

/// <summary>One write of the probe as its <c>W</c> line reports it; times are the node's CLOCK_REALTIME.</summary>
/// <param name="Seq">Sequence number, from 1 (version 1 wrote it to slot <c>(Seq - 1) % slots</c>; version 2 moves to the next slot after an acknowledged write only).</param>
/// <param name="Slot">The block of the region it wrote (0 is the first block at the region's offset).</param>
/// <param name="SubmitNs">When the probe submitted it, ns since the Unix epoch on the node's clock.</param>
/// <param name="CompleteNs">When it returned: <see cref="SubmitNs"/> plus the monotonic time it took.</param>
/// <param name="Errno">0 for a full write, else the errno it failed with (0 for a short write).</param>
/// <param name="ErrnoName">The errno's name as the probe printed it (<c>EIO</c>), or null.</param>
/// <param name="ShortBytes">Bytes written when the write came back short, else null.</param>
public readonly record struct IoWrite(long Seq, long Slot, long SubmitNs, long CompleteNs, int Errno, string? ErrnoName, int? ShortBytes)
{
    /// <summary>True when the device acknowledged the whole block.</summary>
    public bool Acknowledged => Errno == 0 && ShortBytes is null;

    /// <summary>How long the write took (monotonic).</summary>
    public TimeSpan Latency => ProbeTime.Span(CompleteNs - SubmitNs);

    /// <summary>What came back: <c>ok</c>, the errno's name (<c>EIO</c>), or <c>short</c>.</summary>
    public string Outcome => Acknowledged ? "ok" : ShortBytes is not null ? "short" : ErrnoName ?? $"errno {Errno}";

    /// <summary>When it was submitted, on the harness's clock.</summary>
    /// <param name="nodeClockOffset">How far the node's clock is ahead of the harness's (negative: behind).</param>
    public DateTimeOffset Submitted(TimeSpan nodeClockOffset) => ProbeTime.ToHarness(SubmitNs, nodeClockOffset);

    /// <summary>When it returned, on the harness's clock.</summary>
    /// <param name="nodeClockOffset">How far the node's clock is ahead of the harness's (negative: behind).</param>
    public DateTimeOffset Completed(TimeSpan nodeClockOffset) => ProbeTime.ToHarness(CompleteNs, nodeClockOffset);
}
