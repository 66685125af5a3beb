using SanChaos.Core.Waiting;
using SanChaos.Gherkin.Bindings;
using SanChaos.Labs.State;

namespace SanChaos.Drills.Bindings;

/// <summary>Checks, from the nodes' own view, of what the cluster and the client did.</summary>
[Binding]
public sealed class ClusterSteps(Drill drill)
{
    /// <summary>Step: <c>Then the other storage node holds the resources within (.+)</c>.</summary>
    [Then(@"the other storage node holds the (?:storage )?resources within (.+)")]
    public Task OtherHolds(TimeSpan within) => Holds(drill.Other(drill.InitialHolder!), within);

    /// <summary>Step: <c>Then (\w+) holds the resources within (.+)</c>.</summary>
    [Then(@"(\w+) holds the (?:storage )?resources within (.+)")]
    public Task NodeHolds(string node, TimeSpan within) => Holds(drill.Node(node), within);

    // Watched through the target's status on that node (its group's last resource) before a full snapshot: polling
    // whole snapshots slowed the very takeover this step times.
    private Task Holds(string node, TimeSpan within) =>
        drill.UntilAsync($"{node} holds the Heartbeat resources (and no other node does)",
            SteadyState.TargetRunning(drill.Lab.Nodes, drill.Inventory, TimeSpan.FromSeconds(5), [node]), s =>
        {
            var holders = s.Holders;
            var holder = s.StorageNodes.Single(n => n.Name == node);
            // rscstatus settled too: until mach_down has finished, a returning peer leaves Heartbeat v1 in "transition".
            return holders.Count == 1 && holders[0] == node && holder.TargetRunning && holder.FloatingIps.Count == drill.Inventory.FloatingIps.Count
                   && HeartbeatBooks.HolderSettled(holder)
                ? Probe.Yes(holder.ToString())
                : Probe.No(string.Join("; ", s.StorageNodes));
        }, within, "read /var/log/ha-log on both storage nodes: did Heartbeat declare the peer dead, and did a resource fail to start?");

    /// <summary>
    /// Step: <c>Then the old primary rejoins as secondary within (.+)</c>: after its power came back, the old primary is
    /// a connected DRBD Secondary and the survivor keeps the resources (auto_failback off: no failback).
    /// </summary>
    [Then(@"the old primary rejoins as secondary within (.+)")]
    public Task OldPrimaryRejoins(TimeSpan within)
    {
        var old = drill.InitialHolder!;
        var survivor = drill.Other(old);
        return drill.UntilAsync($"{old} rejoins as DRBD Secondary, connected, and {survivor} keeps the resources (no failback)", s =>
        {
            var o = s.StorageNodes.Single(n => n.Name == old);
            return s.Holders.Count == 1 && s.Holders[0] == survivor && o.Reachable && o.Drbd is { IsConnected: true, IsPrimary: false }
                ? Probe.Yes(o.ToString())
                : Probe.No(string.Join("; ", s.StorageNodes));
        }, within, $"read /var/log/ha-log on {old}: did Heartbeat start at boot, and did it try to take the resources back (auto_failback)?");
    }

    /// <summary>Step: <c>Then the resources stay where they were for (.+)</c>.</summary>
    [Then(@"the resources stay where they were for (.+)")]
    public Task StayPut(TimeSpan duration) =>
        drill.ThroughoutAsync($"the resources stay on {drill.InitialHolder} alone", s =>
            s.Holders.Count == 1 && s.Holders[0] == drill.InitialHolder
                ? Probe.Yes()
                : Probe.No(s.Holders.Count > 1 ? $"SPLIT BRAIN: {string.Join(" and ", s.Holders)} both hold resources: {string.Join("; ", s.StorageNodes)}"
                    : string.Join("; ", s.StorageNodes)), duration);

    /// <summary>Step: <c>Then no storage node holds resources twice for (.+)</c>.</summary>
    [Then(@"no storage node holds resources twice for (.+)")]
    public Task NoSplitBrain(TimeSpan duration) =>
        drill.ThroughoutAsync("at most one storage node holds resources", s =>
            s.Holders.Count <= 1 ? Probe.Yes() : Probe.No($"SPLIT BRAIN: {string.Join("; ", s.StorageNodes)}"), duration);

    /// <summary>Step: <c>Then DRBD is Connected and UpToDate on both storage nodes within (.+)</c>.</summary>
    [Then(@"DRBD is Connected and UpToDate on both storage nodes within (.+)")]
    public Task DrbdHealthy(TimeSpan within) => drill.DrbdHealthyAsync(within);

    /// <summary>Step: <c>Then (\w+) sees the heartbeat link (\S+) to its peer (up|dead) within (.+)</c>.</summary>
    [Then(@"(\w+) sees the heartbeat link (\S+) to its peer (up|dead) within (.+)")]
    public Task LinkState(string node, string link, string state, TimeSpan within) =>
        drill.UntilAsync($"{node}: Heartbeat link {link} is {state}", s =>
        {
            var n = s.StorageNodes.Single(x => x.Name == drill.Node(node));
            return n.Links.TryGetValue(link, out var seen) && seen == state ? Probe.Yes(seen)
                : Probe.No($"links: {string.Join(", ", n.Links.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }, within);

    /// <summary>Step: <c>Then (\w+) has (\d+) active paths? to the SAN within (.+)</c>.</summary>
    [Then(@"(\w+) has (\d+) active paths? to the SAN within (.+)")]
    public Task ActivePaths(string client, int count, TimeSpan within) =>
        drill.UntilAsync($"{client}: {drill.Inventory.Sut.Multipath.Alias} has {count} active path(s)",
            ct => LabStatus.ClientAsync(drill.Lab.Nodes, drill.Inventory, drill.Node(client), ct: ct),
            c =>
            {
                var active = c.PathsOf(drill.Inventory.Sut.Multipath.Alias).Count(p => p.IsActive);
                return active == count ? Probe.Yes(c.ToString()) : Probe.No(c.ToString());
            }, within);

    /// <summary>Step: <c>Then (\w+)&#x27;s session through (\S+) fails within (.+)</c>.</summary>
    [Then(@"(\w+)'s session through (\S+) fails within (.+)")]
    public Task SessionFails(string client, string network, TimeSpan within)
    {
        var portal = drill.Inventory.FloatingIps.Single(f => f.Network == drill.Inventory.Network(network).Name).Address.Address.ToString();
        return drill.UntilAsync($"{client}: the iSCSI session to {portal} ({network}) is no longer logged in",
            ct => LabStatus.ClientAsync(drill.Lab.Nodes, drill.Inventory, drill.Node(client), ct: ct),
            c =>
            {
                var session = c.Sessions.FirstOrDefault(x => x.Address == portal);
                return session is null || !session.IsLoggedIn ? Probe.Yes(session?.ToString() ?? "no session") : Probe.No(c.ToString());
            }, within);
    }

    /// <summary>Step: <c>Then a block written through the multipath device reads back the same within (.+)</c>.</summary>
    [Then(@"a block written through the multipath device reads back the same within (.+)")]
    public Task WriteReadBack(TimeSpan within) => drill.WriteReadBackAsync(within);
}
