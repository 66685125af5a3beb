namespace SanChaos.Inventory.Model;

/// <summary>A validated lab inventory: everything the harness knows about one lab.</summary>
/// <param name="SourcePath">The YAML file it was read from.</param>
/// <param name="Name">Lab name.</param>
/// <param name="Kind">What it runs on.</param>
/// <param name="Disposable">True when faults may be injected (the lab holds no data anyone needs).</param>
/// <param name="Nodes">Nodes by declaration order.</param>
/// <param name="Networks">Networks.</param>
/// <param name="Switches">Switches.</param>
/// <param name="Serial">The null-modem cable, or null when there is none.</param>
/// <param name="Pdus">Switched PDUs.</param>
/// <param name="FloatingIps">Floating IPs Heartbeat moves.</param>
/// <param name="Sut">SUT configuration.</param>
public sealed record LabInventory(
    string SourcePath, string Name, LabKind Kind, bool Disposable,
    IReadOnlyList<NodeSpec> Nodes, IReadOnlyList<NetworkSpec> Networks, IReadOnlyList<SwitchSpec> Switches,
    SerialCableSpec? Serial, IReadOnlyList<PduSpec> Pdus, IReadOnlyList<FloatingIpSpec> FloatingIps, SutConfig Sut)
{
    /// <summary>The Vagrant section (<c>vagrant:</c>); set exactly when <see cref="Kind"/> is <see cref="LabKind.Vagrant"/>.</summary>
    public VagrantSpec? Vagrant { get; init; }

    /// <summary>The node called <paramref name="name"/>; throws naming the known nodes if there is none.</summary>
    public NodeSpec Node(string name) => Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new Core.Errors.SanChaosException($"The lab {Name} ({SourcePath}) has no node '{name}'.",
            $"use one of: {string.Join(", ", Nodes.Select(n => n.Name))}.");

    /// <summary>The two storage nodes, in declaration order.</summary>
    public IReadOnlyList<NodeSpec> StorageNodes => Nodes.Where(n => n.Role == NodeRole.Storage).ToArray();

    /// <summary>The client nodes.</summary>
    public IReadOnlyList<NodeSpec> Clients => Nodes.Where(n => n.Role == NodeRole.Client).ToArray();

    /// <summary>The network with the given purpose.</summary>
    public NetworkSpec Network(NetworkPurpose purpose) => Networks.First(n => n.Purpose == purpose);

    /// <summary>The network called <paramref name="name"/>.</summary>
    public NetworkSpec Network(string name) => Networks.FirstOrDefault(n => n.Name == name)
        ?? throw new Core.Errors.SanChaosException($"The lab {Name} has no network '{name}'.",
            $"use one of: {string.Join(", ", Networks.Select(n => n.Name))}.");

    /// <summary>Where each storage network is captured on a rack (<c>capture:</c>); empty when the lab captures on its own (embedded) or not at all.</summary>
    public IReadOnlyList<CaptureSpec> Captures { get; init; } = [];

    /// <summary>The storage node Heartbeat prefers (haresources' first word).</summary>
    public string PreferredNode => Sut.Heartbeat.PreferredNode ?? StorageNodes[^1].Name;
}
