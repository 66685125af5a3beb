using SanChaos.Config.Sources;
using SanChaos.Config.Timing;
using SanChaos.Inventory.Model;

namespace SanChaos.Config;

/// <summary>
/// The configuration of a whole SAN (storage nodes and clients), parsed from a folder or a live lab. The lint rules
/// and the failover budget read it.
/// </summary>
public sealed class SutConfiguration
{
    private SutConfiguration(CollectedConfig collected)
    {
        Collected = collected;
        Nodes = collected.Nodes.Select(n => new NodeConfiguration(n)).ToArray();
        Timings = SutTimings.From(this);
    }

    /// <summary>The raw files it was parsed from.</summary>
    public CollectedConfig Collected { get; }

    /// <summary>Where it came from.</summary>
    public string Origin => Collected.Origin;

    /// <summary>What the lab runs on, when known (<see cref="CollectedConfig.Kind"/>).</summary>
    public LabKind? Kind => Collected.Kind;

    /// <summary>Every node.</summary>
    public IReadOnlyList<NodeConfiguration> Nodes { get; }

    /// <summary>The storage nodes.</summary>
    public IReadOnlyList<NodeConfiguration> StorageNodes => Nodes.Where(n => n.Role == NodeRole.Storage).ToArray();

    /// <summary>The clients.</summary>
    public IReadOnlyList<NodeConfiguration> Clients => Nodes.Where(n => n.Role == NodeRole.Client).ToArray();

    /// <summary>Every parse diagnostic of every node.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics => Nodes.SelectMany(n => n.Diagnostics).ToArray();

    /// <summary>The timing settings the budget and the timing rules use, each with its source.</summary>
    public SutTimings Timings { get; }

    /// <summary>The node that prefers the resource group (haresources' first word), when a storage node of that name exists.</summary>
    public NodeConfiguration? Primary =>
        StorageNodes.FirstOrDefault(n => n.Name == StorageNodes.Select(s => s.HaResources?.Groups.FirstOrDefault()?.Node).FirstOrDefault(x => x is not null))
        ?? StorageNodes.LastOrDefault();

    /// <summary>The other storage node: the one that takes over when the primary fails.</summary>
    public NodeConfiguration? Standby => StorageNodes.FirstOrDefault(n => n != Primary);

    /// <summary>The node called <paramref name="name"/>, or null.</summary>
    public NodeConfiguration? Node(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>Parses collected files.</summary>
    public static SutConfiguration Parse(CollectedConfig collected) => new(collected);

    /// <summary>Collects and parses the configuration of a running lab (see <see cref="LabConfigCollector"/>).</summary>
    /// <param name="inventory">The lab.</param>
    /// <param name="nodes">Its nodes (<c>ILab.Nodes</c>).</param>
    /// <param name="ct">Cancels.</param>
    public static async Task<SutConfiguration> CollectAsync(LabInventory inventory, IReadOnlyDictionary<string, Labs.INode> nodes, CancellationToken ct = default) =>
        Parse(await LabConfigCollector.CollectAsync(inventory, nodes, ct: ct).ConfigureAwait(false));

    /// <summary>Reads and parses a configuration folder (see <see cref="ConfigFolder"/>).</summary>
    public static SutConfiguration Load(string folder) => Parse(ConfigFolder.Load(folder));
}
