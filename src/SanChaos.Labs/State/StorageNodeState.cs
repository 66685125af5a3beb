namespace SanChaos.Labs.State;

/// <summary>What a storage node looked like at one moment.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Reachable">False when the node could not be reached (then only <paramref name="Error"/> is set).</param>
/// <param name="Error">Why it could not be reached.</param>
/// <param name="Drbd">The DRBD minor from /proc/drbd; null when the resource is down (not listed).</param>
/// <param name="HeartbeatRunning">Whether heartbeat runs (cl_status hbstatus).</param>
/// <param name="ResourceStatus">cl_status rscstatus (Unknown when heartbeat is down).</param>
/// <param name="FloatingIps">The inventory's floating IPs configured on this node.</param>
/// <param name="TargetRunning">Whether the iSCSI target resource reports running.</param>
/// <param name="Links">Heartbeat link → status towards the peer (up/dead), when collected.</param>
public sealed record StorageNodeState(
    string Name, bool Reachable, string? Error, DrbdDeviceStatus? Drbd, bool HeartbeatRunning,
    HeartbeatResourceStatus ResourceStatus, IReadOnlyList<string> FloatingIps, bool TargetRunning,
    IReadOnlyDictionary<string, string> Links)
{
    /// <summary>A node that could not be reached.</summary>
    public static StorageNodeState Unreachable(string name, string error) =>
        new(name, false, error, null, false, HeartbeatResourceStatus.Unknown, [], false, new Dictionary<string, string>());

    /// <summary>True when the node holds any part of the resource group (DRBD Primary, a floating IP, the target).</summary>
    public bool HoldsResources => Reachable && (Drbd?.IsPrimary == true || FloatingIps.Count > 0 || TargetRunning);

    /// <summary>One line for observations: <c>weasel: hb running, rsc all, cs:Connected ro:Primary/Secondary ..., IPs ..., target running</c>.</summary>
    public override string ToString() => !Reachable
        ? $"{Name}: unreachable ({Error})"
        : $"{Name}: hb {(HeartbeatRunning ? "running" : "stopped")}, rsc {ResourceStatus.ToString().ToLowerInvariant()}, " +
          $"{Drbd?.ToString() ?? "drbd down"}, IPs {(FloatingIps.Count == 0 ? "none" : string.Join(" ", FloatingIps))}, " +
          $"target {(TargetRunning ? "running" : "stopped")}";
}
