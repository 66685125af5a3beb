namespace SanChaos.Labs.State;

/// <summary>
/// Heartbeat v1's own bookkeeping (<c>cl_status rscstatus</c>) held against who really holds the resource group (DRBD
/// Primary, the floating IPs, the target: <see cref="StorageNodeState.HoldsResources"/>): the one rule the steady-state
/// condition, the kill-primary locator, the drill steps, the baseline audit and the recovery use. Measured on the embedded
/// lab (Heartbeat 3.0.6, haresources naming the preferred node): the holder says local, foreign or all; the idle node says
/// none, or local when it is not the preferred node (it owns an empty group of its own); "transition" while a takeover or
/// a returning peer is being handled.
/// </summary>
public static class HeartbeatBooks
{
    /// <summary>The holder's Heartbeat agrees that it holds the group (local, foreign or all).</summary>
    public static bool HolderSettled(StorageNodeState holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        return holder.ResourceStatus is HeartbeatResourceStatus.Local or HeartbeatResourceStatus.Foreign or HeartbeatResourceStatus.All;
    }

    /// <summary>The idle node's Heartbeat agrees that it holds nothing (none; or local when it is not <paramref name="preferred"/>).</summary>
    public static bool IdleSettled(StorageNodeState idle, string? preferred)
    {
        ArgumentNullException.ThrowIfNull(idle);
        return idle.ResourceStatus == HeartbeatResourceStatus.None || (idle.ResourceStatus == HeartbeatResourceStatus.Local && idle.Name != preferred);
    }

    /// <summary>A node claims the group: it holds any part of it, or its Heartbeat says it holds all of it.</summary>
    public static bool Claims(StorageNodeState node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.HoldsResources || node.ResourceStatus == HeartbeatResourceStatus.All;
    }

    /// <summary>
    /// The books say the opposite of what the nodes hold (not merely unsettled): the holder says none, or the idle node says
    /// all or foreign. Seen after Heartbeat was killed on the holder and started again; it does not heal by itself.
    /// </summary>
    public static bool Contradict(StorageNodeState holder, StorageNodeState idle)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(idle);
        return holder.ResourceStatus == HeartbeatResourceStatus.None || idle.ResourceStatus is HeartbeatResourceStatus.All or HeartbeatResourceStatus.Foreign;
    }

    /// <summary>rscstatus as a word (<c>none</c>, <c>all</c>...).</summary>
    public static string Word(StorageNodeState node) => node.ResourceStatus.ToString().ToLowerInvariant();
}
