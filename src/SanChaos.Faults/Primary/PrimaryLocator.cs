using SanChaos.Labs;
using SanChaos.Labs.State;

namespace SanChaos.Faults.Primary;

/// <summary>Creates <see cref="IPrimaryLocator"/>s.</summary>
public static class PrimaryLocator
{
    /// <summary>
    /// Reads the storage nodes' state with <see cref="LabStatus.CollectAsync"/> (the probes of <c>sanchaos lab status</c>:
    /// /proc/drbd, cl_status, <c>ip -o -4 addr show</c>, the target's status). A node claims the resources when it holds
    /// any part of them (<see cref="StorageNodeState.HoldsResources"/>: DRBD Primary, a floating IP, the target) or its
    /// Heartbeat says <c>all</c>. Exactly one claimant that has the inventory's first floating IP and whose Heartbeat
    /// agrees (<c>all</c> or <c>local</c>) is the primary. Two claimants are a split brain (both named); none, a
    /// claimant without the first floating IP, or one whose Heartbeat says <c>none</c>, <c>foreign</c>,
    /// <c>transition</c> or is down, is an error too. (<c>local</c> alone proves nothing: in Heartbeat v1 a node
    /// holding an empty set of its own resources also says <c>local</c>.) An unreachable node claims nothing.
    /// </summary>
    /// <param name="lab">The lab whose storage nodes are asked.</param>
    /// <param name="time">Clock for the snapshot's timestamp; default <see cref="TimeProvider.System"/>.</param>
    public static IPrimaryLocator FromLabState(ILab lab, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return new LabStatePrimaryLocator(lab, time ?? TimeProvider.System);
    }
}
