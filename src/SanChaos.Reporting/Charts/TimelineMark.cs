namespace SanChaos.Reporting.Charts;

/// <summary>One event on the failover timeline.</summary>
/// <param name="At">When (harness clock).</param>
/// <param name="Lane">The row it is drawn on (<see cref="FailoverTimeline.Lanes"/>).</param>
/// <param name="Label">What happened, in words.</param>
/// <param name="Key">True for the milestones that get their label drawn (node dead, takeover, first GARP per network,
/// iSCSI reconnect, first acknowledged write, heal); the others are drawn as markers only.</param>
internal sealed record TimelineMark(DateTimeOffset At, string Lane, string Label, bool Key);
