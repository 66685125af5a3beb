namespace SanChaos.Core.History;

/// <summary>The history event kinds the capture and neighbour observers record; their data keys are in <see cref="NetEventKeys"/>.</summary>
public static class NetEventKinds
{
    /// <summary>
    /// A gratuitous ARP (request or reply) on a storage network, stamped with its capture time. Data: ip, mac, node
    /// (empty when the MAC is unknown), network, form (<c>request</c>|<c>reply</c>), target-ip, target-mac, eth-dst.
    /// </summary>
    public const string Garp = "net.garp";

    /// <summary>
    /// An ordinary ARP reply: ip (the sender IP, "ip is at mac"), mac, node, network, target-ip, target-mac, target-node.
    /// </summary>
    public const string ArpReply = "net.arp-reply";

    /// <summary>
    /// One capture's counters at its stop: network, point, received, dropped, if-dropped (empty when unknown), packets,
    /// arp, file, error (empty when none).
    /// </summary>
    public const string CaptureStats = "net.capture-stats";

    /// <summary>
    /// A change of the client's neighbour table for a watched address, stamped when the harness read it: client, ip,
    /// mac (empty when the entry has none), node (owner of mac, or empty), state (e.g. REACHABLE, STALE, FAILED), dev,
    /// deleted (<c>true</c>|<c>false</c>).
    /// </summary>
    public const string Neigh = "net.neigh";
}
