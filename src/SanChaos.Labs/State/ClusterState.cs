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

    /// <summary>Every storage node reports every Heartbeat link to its peer up (and reported at least one).</summary>
    public bool HeartbeatLinksUp => StorageNodes.All(n => n.Links.Count > 0 && n.Links.Values.All(v => v == "up"));

    /// <summary>Each storage node's Heartbeat links, e.g. "otter: eth1:up /dev/ttyS1:dead; weasel: ...".</summary>
    public string HeartbeatLinksText =>
        string.Join("; ", StorageNodes.Select(n => $"{n.Name}: {string.Join(" ", n.Links.Select(l => $"{l.Key}:{l.Value}"))}"));
}
