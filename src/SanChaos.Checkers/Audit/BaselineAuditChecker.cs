using SanChaos.Labs.State;

namespace SanChaos.Checkers.Audit;

/// <summary>
/// Is the lab back at its baseline after a scenario? Judges a cluster snapshot taken after it (<c>LabStatus</c>), not
/// the history: every storage node reachable with Heartbeat running; exactly one holder of the resource group, holding
/// all of it (DRBD Primary, every floating IP, the target) while the other holds none of it; DRBD Connected and
/// UpToDate/UpToDate on both; every Heartbeat link up on both (<see cref="ClusterState.HeartbeatLinksUp"/>); each
/// client reachable, its sessions logged in and its multipath map with one active path per floating IP. Valid, or
/// Invalid listing everything that is off (an unreachable node is off: the next scenario would run on a broken lab).
/// </summary>
/// <param name="snapshot">The cluster after the scenario.</param>
/// <param name="serialRelayFailure">Why the embedded lab's serial relay stopped, or null (running, or no relay): a dead relay is off baseline.</param>
public sealed class BaselineAuditChecker(ClusterState snapshot, string? serialRelayFailure = null) : IChecker
{
    private readonly ClusterState _snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));

    /// <inheritdoc />
    public string Name => "baseline-audit";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = _snapshot;
        var floating = input.Inventory.FloatingIps.Select(f => f.Address.Address.ToString()).ToArray();
        var off = new List<Evidence>();
        void Off(string? node, string what) => off.Add(new Evidence(what, s.TakenAt, node, "lab status"));

        foreach (var n in s.StorageNodes)
        {
            if (!n.Reachable)
            {
                Off(n.Name, $"{n.Name} is unreachable ({n.Error})");
                continue;
            }

            if (!n.HeartbeatRunning) Off(n.Name, $"Heartbeat is not running on {n.Name}");
            if (n.Drbd is not { } d) Off(n.Name, $"DRBD is down on {n.Name}");
            else if (d.ConnectionState != "Connected" || !d.BothUpToDate) Off(n.Name, $"DRBD on {n.Name} is {d}, not cs:Connected ds:UpToDate/UpToDate");
        }

        var holders = s.Holders;
        if (holders.Count != 1)
            Off(null, holders.Count == 0 ? "no storage node holds the resource group" : $"{string.Join(" and ", holders)} both hold parts of the resource group");
        foreach (var n in s.StorageNodes.Where(n => n.Reachable))
        {
            var parts = $"DRBD {n.Drbd?.Role ?? "down"}, IPs {(n.FloatingIps.Count == 0 ? "none" : string.Join(" ", n.FloatingIps))}, target {(n.TargetRunning ? "running" : "stopped")}";
            var holdsAll = n.Drbd?.IsPrimary == true && floating.All(n.FloatingIps.Contains) && n.TargetRunning;
            if (holders.Count == 1 && holders[0] == n.Name && !holdsAll) Off(n.Name, $"{n.Name} holds only part of the resource group: {parts}");
            // Heartbeat's own bookkeeping (cl_status rscstatus) must agree with what the node holds: seen after Heartbeat was
            // killed on the holder and started again, the holder said "none" and the other node "all" while holding nothing,
            // and the next takeover would have gone wrong.
            var holds = holders.Contains(n.Name);
            if (holds && !Labs.State.HeartbeatBooks.HolderSettled(n))
                Off(n.Name, $"{n.Name} holds the resource group but Heartbeat there says rscstatus {Labs.State.HeartbeatBooks.Word(n)}");
            if (!holds && holders.Count == 1 && !Labs.State.HeartbeatBooks.IdleSettled(n, input.Inventory.PreferredNode))
                Off(n.Name, $"Heartbeat on {n.Name} says rscstatus {Labs.State.HeartbeatBooks.Word(n)} although {n.Name} holds nothing");
        }

        if (!s.HeartbeatLinksUp) Off(null, $"not every Heartbeat link is up: {s.HeartbeatLinksText}");
        if (serialRelayFailure is not null) Off(null, $"the serial cable's relay stopped ({serialRelayFailure}): the serial Heartbeat path is dead although the cable reads plugged");

        foreach (var c in s.Clients)
        {
            if (!c.Reachable)
            {
                Off(c.Name, $"{c.Name} is unreachable ({c.Error})");
                continue;
            }

            if (c.Sessions.Where(x => !x.IsLoggedIn).ToArray() is { Length: > 0 } down)
                Off(c.Name, $"iSCSI sessions of {c.Name} not logged in: {string.Join(", ", down.Select(x => x.ToString()))}");
            var paths = c.PathsOf(s.MapAlias);
            var active = paths.Count(p => p.IsActive);
            if (active < floating.Length)
                Off(c.Name, c.PathsError is { } e ? $"multipathd on {c.Name} cannot list paths: {e}"
                    : $"{c.Name}'s map {s.MapAlias} has {active} of {floating.Length} paths active ({(paths.Count == 0 ? "no paths" : string.Join(", ", paths))})");
        }

        var state = new Evidence("snapshot: " + string.Join("; ", s.StorageNodes.Select(n => n.ToString()).Concat(s.Clients.Select(c => c.ToString()))),
            s.TakenAt, null, "lab status");
        var figures = new Dictionary<string, double> { ["holders"] = holders.Count, ["problems"] = off.Count };
        return (off.Count == 0
            ? Verdict.Valid(Name, $"the lab is at its baseline: {holders[0]} holds the resource group, DRBD in sync, every Heartbeat link up, every path active", state)
            : Verdict.Invalid(Name, $"the lab is not at its baseline: {string.Join("; ", off.Select(o => o.What))}", [.. off, state])) with { Figures = figures };
    }
}
