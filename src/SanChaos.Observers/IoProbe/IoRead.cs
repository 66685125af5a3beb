namespace SanChaos.Observers.IoProbe;

/// <summary>One read of the probe during its run (an <c>R</c> line, probe version 2); times are the node's CLOCK_REALTIME.</summary>
/// <param name="Purpose">Why it read: <see cref="IoReadPurpose.Sample"/> or <see cref="IoReadPurpose.Reuse"/>.</param>
/// <param name="AfterSeq">The last write that had returned when the read was submitted (the next write came after the read).</param>
/// <param name="SubmitNs">When the read was submitted, ns since the Unix epoch on the node's clock.</param>
/// <param name="CompleteNs">When it returned: <see cref="SubmitNs"/> plus the monotonic time it took.</param>
/// <param name="Result">What the slot held, as <c>verify</c> reports it.</param>
public sealed record IoRead(IoReadPurpose Purpose, long AfterSeq, long SubmitNs, long CompleteNs, IoVerifySlot Result)
{
    /// <summary>When it returned, on the harness's clock.</summary>
    /// <param name="nodeClockOffset">How far the node's clock is ahead of the harness's (negative: behind).</param>
    public DateTimeOffset Completed(TimeSpan nodeClockOffset) => ProbeTime.ToHarness(CompleteNs, nodeClockOffset);
}
