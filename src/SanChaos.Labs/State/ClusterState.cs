namespace SanChaos.Labs.State;

/// <summary>A snapshot of the whole SAN, as <c>sanchaos lab status</c> shows it.</summary>
/// <param name="Lab">Lab name.</param>
/// <param name="TakenAt">When it was collected.</param>
/// <param name="StorageNodes">Storage nodes in inventory order.</param>
/// <param name="Clients">Clients in inventory order.</param>
/// <param name="MapAlias">The multipath alias the clients should have.</param>
public sealed record ClusterState(
    string Lab, DateTimeOffset TakenAt, IReadOnlyList<StorageNodeState> StorageNodes, IReadOnlyList<ClientState> Clients, string MapAlias)
{
    /// <summary>The storage nodes holding any part of the resource group (two = split brain).</summary>
    public IReadOnlyList<string> Holders => StorageNodes.Where(n => n.HoldsResources).Select(n => n.Name).ToArray();

    /// <summary>A fixed-width table for a terminal.</summary>
    public string ToTable() => ClusterStateTable.Render(this);
}
