namespace SanChaos.Checkers.SplitBrain;

/// <summary>Options of <see cref="SplitBrainChecker"/>.</summary>
public sealed record SplitBrainOptions
{
    /// <summary>
    /// How long before its recorded loss a node's observation stream may already have been silent: SSH gives a dead
    /// node up after 3 keep-alives 5 s apart (SshNodeOptions), plus one interval. The node counts as unknown from then,
    /// unless a power fault explains the silence. Default 20 s.
    /// </summary>
    public TimeSpan StreamLossLead { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether the ARP part needs the packet capture: when true (default) a storage network without capture makes that
    /// part Unknown; false on a lab without capture points (the part then only says so).
    /// </summary>
    public bool RequireCapture { get; init; } = true;

    /// <summary>At most this many evidence items per part (the rest are counted). Default 20.</summary>
    public int MaxEvidence { get; init; } = 20;
}
