namespace SanChaos.Observers.Capture;

/// <summary>What an ARP frame says, as <see cref="ArpDecoder"/> classifies it.</summary>
public enum ArpKind
{
    /// <summary>An ordinary request: who has the target IP, tell the sender.</summary>
    Request,

    /// <summary>An ordinary reply: the sender IP is at the sender MAC, to whoever asked.</summary>
    Reply,

    /// <summary>A gratuitous request: sender IP equals target IP (how Heartbeat's send_arp and <c>arping -U</c> announce).</summary>
    GratuitousRequest,

    /// <summary>
    /// A gratuitous reply: sender IP equals target IP (<c>arping -A</c>, send_arp's reply), or a reply sent to the
    /// Ethernet broadcast or with a broadcast target MAC (an unsolicited reply everyone reads).
    /// </summary>
    GratuitousReply,

    /// <summary>An address probe (RFC 5227): a request with sender IP 0.0.0.0; it claims nothing.</summary>
    Probe,
}
