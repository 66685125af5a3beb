namespace SanChaos.Checkers.Garp;

/// <summary>Options of <see cref="GarpChecker"/>.</summary>
public sealed record GarpOptions
{
    /// <summary>
    /// The announcements a step expects. Default empty: the automatic check, every floating IP announced by its new
    /// owner each time it moves (see <see cref="GarpChecker"/>).
    /// </summary>
    public IReadOnlyList<GarpExpectation> Expect { get; init; } = [];

    /// <summary>
    /// The automatic check's bound: how soon after the new owner added the address (<c>ip.added</c>), or after its
    /// takeover completed when that was not seen, its gratuitous ARP must be captured. IPaddr2 runs send_arp at once
    /// (5 announcements 200 ms apart). Default 5 s.
    /// </summary>
    public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long before a recorded stream loss a node may already have been silent (see <see cref="SplitBrain.SplitBrainOptions.StreamLossLead"/>). Default 20 s.</summary>
    public TimeSpan StreamLossLead { get; init; } = TimeSpan.FromSeconds(20);
}
