using SanChaos.Core.History;
using SanChaos.Inventory.Model;
using SanChaos.Observers.Capture;

namespace SanChaos.Checkers.Reading;

/// <summary>One claim of an address seen on a storage network: a gratuitous ARP (an announcement) or an ordinary reply.</summary>
/// <param name="Event">The <c>net.garp</c> or <c>net.arp-reply</c> event.</param>
/// <param name="Ip">The claimed address.</param>
/// <param name="Network">The inventory network it was seen on.</param>
/// <param name="Mac">The claiming MAC.</param>
/// <param name="Node">The node owning that MAC, or null when no inventory interface has it.</param>
/// <param name="Announcement">True for a gratuitous ARP.</param>
internal sealed record ArpClaimEvent(HistoryEvent Event, string Ip, string Network, string Mac, string? Node, bool Announcement)
{
    /// <summary>When it was captured.</summary>
    public DateTimeOffset At => Event.Wall;

    /// <summary><c>weasel (52:54:00:02:02:01)</c>.</summary>
    public string Who => $"{Node ?? "an unknown node"} ({Mac})";

    /// <summary><c>gratuitous ARP</c> or <c>ARP reply</c>.</summary>
    public string What => Announcement ? "gratuitous ARP" : "ARP reply";

    /// <summary>The claims of the inventory's floating IPs in <paramref name="events"/>, in time order.</summary>
    public static IReadOnlyList<ArpClaimEvent> Of(IEnumerable<HistoryEvent> events, LabInventory inventory)
    {
        var floating = inventory.FloatingIps.Select(f => f.Address.Address.ToString()).ToHashSet(StringComparer.Ordinal);
        var macs = MacDirectory.FromInventory(inventory);
        var claims = new List<ArpClaimEvent>();
        foreach (var e in events)
        {
            if (e.Kind is not (NetEventKinds.Garp or NetEventKinds.ArpReply)) continue;
            if (e.Text(NetEventKeys.Ip) is not { } ip || !floating.Contains(ip) || e.Text(NetEventKeys.Mac) is not { } mac
                || e.Text(NetEventKeys.Network) is not { } network) continue;
            claims.Add(new ArpClaimEvent(e, ip, network, mac.ToLowerInvariant(), e.Text(NetEventKeys.Node) ?? macs.NodeOf(mac), e.Kind == NetEventKinds.Garp));
        }

        return claims;
    }
}
