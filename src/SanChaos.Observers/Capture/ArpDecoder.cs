using System.Net;
using PacketDotNet;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Decodes ARP out of captured frames with PacketDotNet and classifies it (<see cref="ArpKind"/>). Only untagged
/// Ethernet frames carrying Ethernet/IPv4 ARP with operation request or reply are decoded; anything else (VLAN-tagged,
/// RARP, other protocols a wider filter let through) gives null.
/// </summary>
public static class ArpDecoder
{
    /// <summary>Decodes <paramref name="frame"/> captured on <paramref name="network"/>, or null when it is no ARP request or reply.</summary>
    public static ArpFrame? Decode(in CapturedFrame frame, string network) => Decode(frame.Data, frame.Time, network);

    /// <summary>Decodes the Ethernet frame <paramref name="data"/> captured at <paramref name="time"/> on <paramref name="network"/>.</summary>
    public static ArpFrame? Decode(byte[] data, DateTimeOffset time, string network)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < 14) return null;
        EthernetPacket eth;
        try
        {
            if (Packet.ParsePacket(LinkLayers.Ethernet, data) is not EthernetPacket parsed) return null;
            eth = parsed;
            if (eth.Type != EthernetType.Arp || eth.PayloadPacket is not ArpPacket arp) return null;
            if (arp.HardwareAddressType != LinkLayers.Ethernet || arp.ProtocolAddressType != EthernetType.IPv4 ||
                arp.HardwareAddressLength != 6 || arp.ProtocolAddressLength != 4) return null;
            if (arp.Operation is not (ArpOperation.Request or ArpOperation.Response)) return null;
            var ethDst = MacText.Format(eth.DestinationHardwareAddress);
            var targetMac = MacText.Format(arp.TargetHardwareAddress);
            var kind = Classify(arp.Operation, arp.SenderProtocolAddress, arp.TargetProtocolAddress, ethDst, targetMac);
            return new ArpFrame(time, network, kind, MacText.Format(eth.SourceHardwareAddress), ethDst,
                MacText.Format(arp.SenderHardwareAddress), arp.SenderProtocolAddress, targetMac, arp.TargetProtocolAddress);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            // A frame too short for what its header claims: not something we decode.
            return null;
        }
    }

    /// <summary>The classification rules (see <see cref="ArpKind"/>).</summary>
    internal static ArpKind Classify(ArpOperation op, IPAddress senderIp, IPAddress targetIp, string ethDestination, string targetMac)
    {
        var sameIp = senderIp.Equals(targetIp);
        if (op == ArpOperation.Request)
        {
            if (senderIp.Equals(IPAddress.Any)) return ArpKind.Probe;
            return sameIp ? ArpKind.GratuitousRequest : ArpKind.Request;
        }

        return sameIp || ethDestination == MacText.Broadcast || targetMac == MacText.Broadcast ? ArpKind.GratuitousReply : ArpKind.Reply;
    }
}
