namespace SanChaos.Core.History;

/// <summary>Data keys of the events in <see cref="NetEventKinds"/>.</summary>
public static class NetEventKeys
{
    /// <summary>The IPv4 address concerned (claimed, replied for, or in the neighbour table).</summary>
    public const string Ip = "ip";

    /// <summary>The MAC that claims or is bound to <see cref="Ip"/>, lower-case <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public const string Mac = "mac";

    /// <summary>The node owning <see cref="Mac"/> per the inventory, or empty.</summary>
    public const string Node = "node";

    /// <summary>The inventory network (e.g. <c>storage-a</c>).</summary>
    public const string Network = "network";

    /// <summary>ARP operation of a gratuitous ARP: <c>request</c> or <c>reply</c>.</summary>
    public const string Form = "form";

    /// <summary>ARP target IP.</summary>
    public const string TargetIp = "target-ip";

    /// <summary>ARP target MAC.</summary>
    public const string TargetMac = "target-mac";

    /// <summary>The node owning the target MAC, or empty.</summary>
    public const string TargetNode = "target-node";

    /// <summary>Ethernet destination MAC.</summary>
    public const string EthernetDestination = "eth-dst";

    /// <summary>Where the capture listened.</summary>
    public const string Point = "point";

    /// <summary>Frames the kernel passed the filter.</summary>
    public const string Received = "received";

    /// <summary>Frames the kernel dropped.</summary>
    public const string Dropped = "dropped";

    /// <summary>Frames the interface dropped.</summary>
    public const string InterfaceDropped = "if-dropped";

    /// <summary>Frames written to the pcap file.</summary>
    public const string Packets = "packets";

    /// <summary>ARP frames decoded.</summary>
    public const string Arp = "arp";

    /// <summary>The pcap file.</summary>
    public const string File = "file";

    /// <summary>Why a capture ended early; empty when it did not.</summary>
    public const string Error = "error";

    /// <summary>The client node whose neighbour table is watched.</summary>
    public const string Client = "client";

    /// <summary>Neighbour state (REACHABLE, STALE, DELAY, PROBE, FAILED, PERMANENT...).</summary>
    public const string State = "state";

    /// <summary>The client's interface of the neighbour entry.</summary>
    public const string Device = "dev";

    /// <summary><c>true</c> when the entry was deleted.</summary>
    public const string Deleted = "deleted";
}
