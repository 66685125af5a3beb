namespace SanChaos.Labs.Recovery;

/// <summary>One corrective command on one node, chosen by <see cref="RecoveryPlanner"/> from what the cluster showed.</summary>
/// <param name="Node">Where it runs.</param>
/// <param name="Command">Its name in <c>lab/sut/commands.yaml</c>.</param>
/// <param name="Reason">What was seen that calls for it, in a storage engineer's words.</param>
/// <param name="Portal">The iSCSI portal (<c>address:port</c>) for a login; null otherwise.</param>
/// <param name="Confirm">How long the state must persist before the repair runs, when longer than the baseline's own
/// (a state that is normal for a while and a fault only when it lasts); null: the baseline's.</param>
/// <param name="Kind">Its kind's name in <see cref="RepairKinds"/> (whose doing the state is, and which checker judges it).</param>
public sealed record Repair(string Node, string Command, string Reason, string? Portal = null, TimeSpan? Confirm = null, string? Kind = null)
{
    /// <summary>Identity across rounds: the same repair seen again is the same key.</summary>
    public string Key => Portal is null ? $"{Node}:{Command}" : $"{Node}:{Command}:{Portal}";

    /// <inheritdoc />
    public override string ToString() => $"{Node}: {Command}{(Portal is null ? "" : $" {Portal}")} ({Reason})";
}
