using System.Net;

namespace SanChaos.Observers.Capture;

/// <summary>One decoded ARP frame (untagged Ethernet, IPv4 over Ethernet ARP).</summary>
/// <param name="Time">Capture time (microsecond resolution from a live capture).</param>
/// <param name="Network">The inventory network it was captured on (e.g. <c>storage-a</c>).</param>
/// <param name="Kind">Request, reply, gratuitous request or reply, probe.</param>
/// <param name="EthernetSource">Ethernet source MAC, <c>aa:bb:cc:dd:ee:ff</c>.</param>
/// <param name="EthernetDestination">Ethernet destination MAC (<c>ff:ff:ff:ff:ff:ff</c> for broadcast).</param>
/// <param name="SenderMac">ARP sender hardware address: who claims <paramref name="SenderIp"/>.</param>
/// <param name="SenderIp">ARP sender protocol address.</param>
/// <param name="TargetMac">ARP target hardware address (zero or broadcast in requests and announcements).</param>
/// <param name="TargetIp">ARP target protocol address.</param>
public sealed record ArpFrame(
    DateTimeOffset Time,
    string Network,
    ArpKind Kind,
    string EthernetSource,
    string EthernetDestination,
    string SenderMac,
    IPAddress SenderIp,
    string TargetMac,
    IPAddress TargetIp)
{
    /// <summary>True for a gratuitous request or reply: the sender announces that it holds <see cref="SenderIp"/>.</summary>
    public bool IsGratuitous => Kind is ArpKind.GratuitousRequest or ArpKind.GratuitousReply;

    /// <summary>The ARP operation as a word: <c>request</c> (requests, probes) or <c>reply</c>.</summary>
    public string Form => Kind is ArpKind.Reply or ArpKind.GratuitousReply ? "reply" : "request";

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ArpKind.Request or ArpKind.Probe => $"{Time:HH:mm:ss.ffffff} {Network} {Kind}: who has {TargetIp}? tell {SenderIp} ({SenderMac})",
        _ => $"{Time:HH:mm:ss.ffffff} {Network} {Kind}: {SenderIp} is at {SenderMac} (to {TargetIp} {TargetMac}, eth {EthernetDestination})",
    };
}
