using SanChaos.Config.Parsing;

namespace SanChaos.Config.Heartbeat;

/// <summary>One communication path Heartbeat sends its heartbeats over (one interface of a bcast/mcast/ucast line, one serial device).</summary>
/// <param name="Medium">bcast, mcast, mcast6, ucast or serial.</param>
/// <param name="Device">The interface (eth1) or serial device (/dev/ttyS0).</param>
/// <param name="Entry">The ha.cf line.</param>
public sealed record HeartbeatPath(string Medium, string Device, ConfigEntry Entry)
{
    /// <summary>True for the null-modem cable: independent of the network stack, switches and firewall rules.</summary>
    public bool IsSerial => Medium == "serial";

    /// <summary><c>bcast eth1</c>, <c>serial /dev/ttyS0</c>.</summary>
    public override string ToString() => $"{Medium} {Device}";
}
