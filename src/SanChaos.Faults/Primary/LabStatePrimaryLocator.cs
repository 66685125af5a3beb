using SanChaos.Labs;
using SanChaos.Labs.State;

namespace SanChaos.Faults.Primary;

/// <summary>
/// Finds the primary from the shared cluster snapshot (<see cref="LabStatus.CollectAsync"/>, the same probes as
/// <c>sanchaos lab status</c>) of the storage nodes only; see <see cref="PrimaryLocator.FromLabState"/> for the rules.
/// </summary>
internal sealed class LabStatePrimaryLocator(ILab lab, TimeProvider time) : IPrimaryLocator
{
    public async Task<string> WhoHoldsResourcesAsync(CancellationToken ct = default)
    {
        var inventory = lab.Inventory;
        var storageNames = inventory.StorageNodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        // Only the storage nodes are asked: the clients' sessions and paths say nothing about who holds the resources.
        var storage = lab.Nodes.Where(kv => storageNames.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var state = await LabStatus.CollectAsync(storage, inventory, time: time, ct: ct).ConfigureAwait(false);
        var seen = state.StorageNodes;
        var evidence = seen.Select(s => s.ToString()).ToArray();
        var ip = inventory.FloatingIps.FirstOrDefault()?.Address.Address.ToString();
        var status = $"`sanchaos lab status` shows the same ({string.Join(" and ", seen.Select(s => s.Name))}).";

        var claimants = seen.Where(HeartbeatBooks.Claims).ToArray();
        var names = claimants.Select(c => c.Name).ToArray();
        if (claimants.Length > 1)
            throw Unknown(
                $"Split brain: both {names[0]} and {names[1]} claim the Heartbeat resources (DRBD Primary, a floating IP, the target, or cl_status rscstatus 'all'), so there is no single primary to kill",
                names, evidence,
                "Do not drill a split SAN: resolve the split brain first (stop heartbeat on one node, `drbdadm secondary` there and reconnect DRBD), " +
                "or rebuild the lab with `sanchaos lab down` and `sanchaos lab up`. " + status);
        if (claimants.Length == 0)
            throw Unknown("No storage node holds the Heartbeat resources (none is DRBD Primary, has a floating IP, runs the target or says 'all')",
                names, evidence,
                "Bring the SAN to steady state before killing the primary (the drill's steady-state step, or `sanchaos lab up`). " + status);

        var c = claimants[0];
        if (ip is not null && !c.FloatingIps.Contains(ip))
            throw Unknown($"{c.Name} holds part of the Heartbeat resources but not the floating IP {ip}: the resource group is half started or half stopped",
                names, evidence, $"Wait for the takeover to finish, or restart heartbeat on {c.Name}. " + status);
        if (!HeartbeatBooks.HolderSettled(c))
            throw Unknown(
                $"{c.Name} holds the Heartbeat resources{(ip is null ? "" : $" (floating IP {ip})")} but its Heartbeat says " +
                (c.HeartbeatRunning ? $"'{c.ResourceStatus.ToString().ToLowerInvariant()}'" : "nothing (heartbeat is not running there)") +
                ": a takeover is under way or heartbeat is down",
                names, evidence, $"Wait for the takeover to finish, or start heartbeat on {c.Name}. " + status);
        return c.Name;
    }

    private static PrimaryUnknownException Unknown(string problem, IReadOnlyList<string> claimants, string[] evidence, string remedy) =>
        new(problem + ". What each storage node showed:" + Environment.NewLine + string.Join(Environment.NewLine, evidence.Select(e => "- " + e)),
            remedy, claimants, evidence);
}
