using System.Collections.Immutable;
using SanChaos.Core.History;
using SanChaos.Labs.State;

namespace SanChaos.Checkers.Reading;

/// <summary>What a storage node reported about itself at one moment: its DRBD role and connection, its floating IPs.</summary>
/// <param name="Role">Local DRBD role (Primary, Secondary); null when it has no DRBD device.</param>
/// <param name="ConnectionState">DRBD connection state (Connected, WFConnection, StandAlone...); null without a device.</param>
/// <param name="Ips">The floating IPs configured on it.</param>
/// <param name="DrbdCause">The event that last set the DRBD part.</param>
internal sealed record NodeSnapshot(string? Role, string? ConnectionState, ImmutableSortedSet<string> Ips, HistoryEvent? DrbdCause)
{
    /// <summary>DRBD Primary.</summary>
    public bool Primary => Role == "Primary";

    /// <summary>Connected (or resyncing) to its peer, by the same rule as <c>lab status</c> (<see cref="DrbdDeviceStatus.IsConnected"/>).</summary>
    public bool Connected => ConnectionState is { } cs && new DrbdDeviceStatus(0, cs, Role, null, null, null, null, null, null).IsConnected;

    /// <summary><c>Primary, cs WFConnection, IPs 192.168.1.1 192.168.2.1</c>.</summary>
    public string Describe() =>
        (Role is null ? "no DRBD device" : $"{Role}, cs {ConnectionState}") + ", IPs " + (Ips.Count == 0 ? "none" : string.Join(" ", Ips));
}
