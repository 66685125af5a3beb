using System.Collections.Concurrent;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Cables;

/// <summary>
/// Cuts a cable by taking the node's end of it down (<c>ip link set dev NIC down</c> on the node, over SSH), for a rack
/// whose cables cannot be pulled by a machine. The node sees its carrier go; the far end stops receiving, as with a
/// pulled cable. The management interface is refused: cutting it would cut the harness off the node, and the heal with
/// it. Restore brings the interface up again (idempotent; a node that was power-cycled meanwhile has it up already).
/// </summary>
public sealed class NodeInterfaceCables : ICableControl
{
    // Commands as data: {nic} is substituted (a name the inventory declared, checked below).
    private const string Down = "ip link set dev {nic} down && ip -o link show dev {nic}";
    private const string Up = "ip link set dev {nic} up && ip -o link show dev {nic}";

    private readonly IReadOnlyDictionary<string, INode> _nodes;
    private readonly LabInventory _inventory;
    private readonly ConcurrentDictionary<(string, string), bool> _cut = new();

    /// <summary>Creates the capability over the lab's nodes.</summary>
    public NodeInterfaceCables(IReadOnlyDictionary<string, INode> nodes, LabInventory inventory)
    {
        _nodes = nodes;
        _inventory = inventory;
    }

    /// <summary>The command that cuts <paramref name="nic"/> (shown by a dry run).</summary>
    public static string CutCommand(string nic) => Down.Replace("{nic}", nic, StringComparison.Ordinal);

    /// <inheritdoc />
    public async Task CutAsync(string node, string nic, CancellationToken ct = default)
    {
        Check(node, nic);
        await _nodes[node].RunAsync(CutCommand(nic), TimeSpan.FromSeconds(30),
            $"take {nic} down on {node} by hand (`ip link set dev {nic} down`), or pull the cable.", ct).ConfigureAwait(false);
        _cut[(node, nic)] = true;
    }

    /// <inheritdoc />
    public async Task RestoreAsync(string node, string nic, CancellationToken ct = default)
    {
        Check(node, nic);
        await _nodes[node].RunAsync(Up.Replace("{nic}", nic, StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            $"bring {nic} up on {node} by hand (`ip link set dev {nic} up`) and check its cable.", ct).ConfigureAwait(false);
        _cut.TryRemove((node, nic), out _);
    }

    /// <inheritdoc />
    public bool IsCut(string node, string nic) => _cut.ContainsKey((node, nic));

    /// <inheritdoc />
    public string Describe(string node, string nic, bool cut) => cut
        ? $"cut the cable of {node} {nic} at {node}'s end: `{CutCommand(nic)}` on {node} over SSH"
        : $"restore the cable of {node} {nic}: `{Up.Replace("{nic}", nic, StringComparison.Ordinal)}` on {node} over SSH";

    private void Check(string node, string nic)
    {
        var spec = _inventory.Node(node);
        var iface = spec.Interfaces.FirstOrDefault(i => i.Name == nic)
            ?? throw new SanChaosException($"{node} has no interface '{nic}' in {_inventory.SourcePath}.", $"use one of: {string.Join(", ", spec.Interfaces.Select(i => i.Name))}.");
        if (_inventory.Network(iface.Network).Purpose == NetworkPurpose.Management)
            throw new SanChaosException($"{node} {nic} is on the management network: taking it down would cut SanChaos off {node}, and the heal with it.",
                "cut a storage or replication cable, or power the management switch off through its PDU outlet.");
        if (!_nodes.ContainsKey(node))
            throw new SanChaosException($"The lab has no connection to node '{node}'.", $"use one of: {string.Join(", ", _nodes.Keys)}.");
    }
}
