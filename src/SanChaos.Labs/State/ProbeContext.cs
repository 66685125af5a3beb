using System.Collections.Concurrent;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>What probes and conditions share: the inventory, the nodes, the command catalog, per-node values.</summary>
internal sealed class ProbeContext
{
    private readonly ConcurrentDictionary<string, SutValues> values = new(StringComparer.Ordinal);

    public ProbeContext(LabInventory inventory, IReadOnlyDictionary<string, INode> nodes, CommandCatalog catalog, TimeSpan commandTimeout)
    {
        Inventory = inventory;
        Nodes = nodes;
        Catalog = catalog;
        CommandTimeout = commandTimeout;
    }

    public LabInventory Inventory { get; }

    public IReadOnlyDictionary<string, INode> Nodes { get; }

    public CommandCatalog Catalog { get; }

    public TimeSpan CommandTimeout { get; }

    public IReadOnlyList<string> StorageNodes => Inventory.StorageNodes.Select(n => n.Name).ToArray();

    public string? Client => Inventory.Clients.FirstOrDefault()?.Name;

    /// <summary>The floating portals (<c>address:port</c>) a client logs in to.</summary>
    public IReadOnlyList<string> Portals => Values().TryGetList("floating_ips", out var f) ? f.Select(x => x["portal"]).ToArray() : [];

    public SutValues Values(string? node = null) =>
        values.GetOrAdd(node ?? "", n => SutValues.For(Inventory, n.Length == 0 ? null : n, Catalog));

    public INode Node(string name) => Nodes.TryGetValue(name, out var n) ? n
        : throw new SanChaosException($"The lab has no reachable node '{name}' (inventory {Inventory.SourcePath}).",
            $"nodes available: {string.Join(", ", Nodes.Keys)}; bring the lab up with `sanchaos lab up`.");

    public string Command(string key, string node, Func<SutValues, SutValues>? with = null)
    {
        var v = Values(node);
        return Catalog.Command(key, with is null ? v : with(v));
    }

    public Task<CommandResult> ExecAsync(string node, string key, CancellationToken ct, Func<SutValues, SutValues>? with = null) =>
        Node(node).ExecAsync(Command(key, node, with), CommandTimeout, ct);

    /// <summary>Several catalog commands on one node in one round trip (<see cref="INode.ExecAllAsync"/>).</summary>
    public Task<IReadOnlyList<CommandResult>> ExecAllAsync(string node, IReadOnlyList<(string Key, Func<SutValues, SutValues>? With)> commands, CancellationToken ct) =>
        Node(node).ExecAllAsync(commands.Select(c => Command(c.Key, node, c.With)).ToArray(), CommandTimeout, ct);
}
