namespace SanChaos.Config.Budget;

/// <summary>
/// The budget terms that depend on the machine rather than on the configuration. The caller fills them from a
/// measurement on the lab (for example the resource start timed by <c>lab up</c>); each default is a documented
/// "not measured" range.
/// </summary>
public sealed record MeasuredTerms
{
    /// <summary>Every term at its not-measured default.</summary>
    public static MeasuredTerms NotMeasured { get; } = new();

    /// <summary>
    /// How long the takeover node takes to start the resource group once Heartbeat declared the peer dead:
    /// drbddisk, LVM, IPaddr2 ×2 (each sends gratuitous ARP as it comes up), arp_filter, the target.
    /// Default: not measured, 2–60 s (a few seconds on real hardware; the stock agents take 35–55 s under
    /// user-mode Linux, lab/uml/README.md). <c>lab up</c>'s "wait until one node holds the resource group" is a
    /// fair measurement, though it also holds Heartbeat's start-up negotiation (about 15 s on the embedded lab).
    /// </summary>
    public MeasuredTerm ResourceGroupStart { get; init; } = MeasuredTerm.NotMeasured(TimeRange.Seconds(2, 60),
        "not measured: a few seconds on real hardware; the stock agents take 35–55 s under user-mode Linux (lab/uml/README.md)");

    /// <summary>
    /// How long the client takes to log in again once the portal answers on the new node: iscsid's reconnect
    /// (DefaultTime2Wait 2 s) behind TCP's connect retries (1, 2, 4 s). Default: not measured, 1–8 s.
    /// </summary>
    public MeasuredTerm IscsiRelogin { get; init; } = MeasuredTerm.NotMeasured(TimeRange.Seconds(1, 8),
        "not measured: iscsid waits DefaultTime2Wait (2 s) and TCP retries the connect after 1, 2, 4 s");
}
