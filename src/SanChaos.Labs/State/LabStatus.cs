using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Collects a <see cref="ClusterState"/> from the running lab (read-only commands only).</summary>
public static class LabStatus
{
    /// <summary>
    /// Probes every node in parallel: storage nodes for /proc/drbd, cl_status (hbstatus, rscstatus,
    /// hblinkstatus), floating IPs and the target; clients for iSCSI sessions (-P 1) and multipath paths.
    /// A node that cannot be reached shows as such; this never throws for node trouble.
    /// </summary>
    /// <param name="nodes">The lab's nodes by name.</param>
    /// <param name="inventory">The inventory.</param>
    /// <param name="catalog">Commands and patterns; default <see cref="CommandCatalog.Default"/>.</param>
    /// <param name="time">Clock for the timestamp; default system.</param>
    /// <param name="ct">Cancels the probes.</param>
    public static async Task<ClusterState> CollectAsync(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, CommandCatalog? catalog = null,
        TimeProvider? time = null, CancellationToken ct = default)
    {
        var ctx = new ProbeContext(inventory, nodes, catalog ?? CommandCatalog.Default, TimeSpan.FromSeconds(30));
        var storage = inventory.StorageNodes.Select(n => nodes.ContainsKey(n.Name)
            ? NodeProbes.StorageAsync(ctx, n.Name, includeLinks: true, ct)
            : Task.FromResult(StorageNodeState.Unreachable(n.Name, "not in the lab's node list"))).ToArray();
        var clients = inventory.Clients.Select(n => Client(ctx, n.Name, ct)).ToArray();
        var s = await Task.WhenAll(storage).ConfigureAwait(false);
        var c = await Task.WhenAll(clients).ConfigureAwait(false);
        return new ClusterState(inventory.Name, (time ?? TimeProvider.System).GetUtcNow(), s, c, inventory.Sut.Multipath.Alias);
    }

    /// <summary>One client's iSCSI sessions and multipath paths only (one round trip): for steps about the client.</summary>
    public static Task<ClientState> ClientAsync(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, string client, CommandCatalog? catalog = null, CancellationToken ct = default) =>
        Client(new ProbeContext(inventory, nodes, catalog ?? CommandCatalog.Default, TimeSpan.FromSeconds(30)), client, ct);

    private static Task<ClientState> Client(ProbeContext ctx, string client, CancellationToken ct) =>
        ctx.Nodes.ContainsKey(client)
            ? NodeProbes.ClientAsync(ctx, client, ct)
            : Task.FromResult(ClientState.Unreachable(client, "not in the lab's node list"));
}
