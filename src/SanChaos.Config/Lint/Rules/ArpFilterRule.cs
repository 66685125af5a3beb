namespace SanChaos.Config.Lint.Rules;

/// <summary><c>net.arp-filter</c>: a storage node on several networks must answer ARP only from the interface that routes to the asker.</summary>
internal sealed class ArpFilterRule() : ConfigRule("net.arp-filter", "arp_filter on for every interface of a multi-homed storage node")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var n in context.Config.StorageNodes.Where(n => n.ArpFilter is not null))
        {
            var a = n.ArpFilter!;
            if (a.Interfaces.Count < 2) continue;
            var off = a.Interfaces.Where(i => !a.Effective(i)).ToArray();
            if (off.Length == 0) continue;
            var byResource = n.HaResources?.Groups.SelectMany(g => g.Resources).FirstOrDefault(r => r.Agent == "arp_filter");
            yield return Found(Severity.Warning, a.ByInterface.TryGetValue("all", out var all) ? all.Location : a.File.At(1),
                $"arp_filter is off on {string.Join(", ", off)} of {n.Name} (net.ipv4.conf.all.arp_filter = {(all?.Value ?? "unset")})" +
                (byResource is null ? "" : $"; haresources sets it only when {n.Name} takes the group ({byResource.Location}), after the floating IPs are up"),
                "A node on several networks answers ARP for any of its addresses on every interface (ARP flux, seeds part 4): the client can learn the MAC of the " +
                "wrong interface for a portal, and right after a takeover the new owner answers from every NIC until the arp_filter resource runs.",
                "Set it at boot, not only in the resource group: `net.ipv4.conf.all.arp_filter = 1` in /etc/sysctl.d/arp_filter.conf.", Drills.KillPrimary);
        }
    }
}
