using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>
/// The resource group runs on exactly one storage node, completely, and the other holds nothing. Heartbeat
/// must run on both. Evidence per node: DRBD role, the floating IPs configured, the target's status, and
/// <c>cl_status rscstatus</c> cross-checked against it (<see cref="HeartbeatBooks"/>). Two holders is a
/// visible split brain.
/// </summary>
internal sealed class ResourceGroupCondition(ProbeContext ctx) : ISteadyStateCondition
{
    public string Name => $"resource group ({ctx.Values()["resource"]}, {ctx.Values()["vg"]}, floating IPs, {ctx.Values()["target_agent"]}) on exactly one of {string.Join(" and ", ctx.StorageNodes)}";

    public string Remedy =>
        "see /var/log/ha-log on both nodes. Nobody holds it: a resource failed to start (run it by hand, e.g. " +
        $"`{ctx.Values()["target_script"]} start`). Both hold it: split brain; stop heartbeat on one node and recover DRBD.";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var states = new List<StorageNodeState>();
        foreach (var node in ctx.StorageNodes)
            states.Add(await NodeProbes.StorageAsync(ctx, node, includeLinks: false, ct).ConfigureAwait(false));
        var seen = string.Join("; ", states);

        if (states.FirstOrDefault(s => !s.Reachable) is { } down) return Probe.No($"{down.Name} unreachable. {seen}");
        if (states.FirstOrDefault(s => !s.HeartbeatRunning) is { } stopped) return Probe.No($"heartbeat not running on {stopped.Name}. {seen}");
        var holders = states.Where(s => s.HoldsResources).ToArray();
        if (holders.Length == 0) return Probe.No($"no node holds the group. {seen}");
        if (holders.Length > 1) return Probe.No($"split brain: {string.Join(" and ", holders.Select(h => h.Name))} both hold resources. {seen}");

        var holder = holders[0];
        var idle = states.Single(s => s != holder);
        ctx.Values().TryGetList("floating_ips", out var fips);
        var problems = new List<string>();
        if (holder.Drbd?.IsPrimary != true) problems.Add($"{holder.Name} is not DRBD Primary");
        var missing = fips.Select(f => f["address"]).Except(holder.FloatingIps).ToArray();
        if (missing.Length > 0) problems.Add($"{holder.Name} lacks {string.Join(", ", missing)}");
        if (!holder.TargetRunning) problems.Add($"target not running on {holder.Name}");
        if (!HeartbeatBooks.HolderSettled(holder)) problems.Add($"{holder.Name} rscstatus is {HeartbeatBooks.Word(holder)}");
        if (!HeartbeatBooks.IdleSettled(idle, ctx.Inventory.PreferredNode))
            problems.Add($"{idle.Name} rscstatus is {HeartbeatBooks.Word(idle)} although it holds nothing");

        return problems.Count == 0
            ? Probe.Yes($"group on {holder.Name}. {seen}")
            : Probe.No($"group on {holder.Name} but {string.Join(", ", problems)}. {seen}");
    }
}
