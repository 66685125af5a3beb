using SanChaos.Core.Waiting;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Cables;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Shaping;
using SanChaos.Labs.State;

namespace SanChaos.Labs.Kinds.Hardware;

/// <summary>
/// A real rack: nodes over SSH on their management addresses (<see cref="SshNodeOptions.ForRack"/>: host keys checked, the
/// user's ssh_config applies), PDUs at the addresses the inventory gives.
/// Up = every node answers, provisioning (idempotent) and steady state; down closes the SSH connections
/// (the rack keeps running). A cable is cut at the node's end (<see cref="NodeInterfaceCables"/>); power, switch power
/// and the serial cable's relay go through the PDUs (the fault catalogue drives them); capture as the inventory's
/// <c>capture:</c> says.
/// </summary>
public sealed class HardwareLab : ILab, IPduEndpoints, ILinkShaping, ICableControl
{
    private readonly LabOptions _options;
    private readonly Dictionary<string, SshNode> _nodes;

    /// <summary>Creates the lab from its inventory (no connection yet).</summary>
    public HardwareLab(LabInventory inventory, LabOptions options)
    {
        Inventory = inventory;
        _options = options;
        _nodes = inventory.Nodes.ToDictionary(n => n.Name, n => new SshNode(SshNodeOptions.ForRack(n), options.Time));
        Shaping = new NodeLinkShaping(Nodes);
        Cables = new NodeInterfaceCables(Nodes, inventory);
    }

    /// <summary>Cable cuts at the node's end of the cable.</summary>
    public ICableControl Cables { get; }

    /// <inheritdoc />
    public LabInventory Inventory { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, INode> Nodes => _nodes.ToDictionary(kv => kv.Key, kv => (INode)kv.Value);

    /// <summary>Link shaping (netem inside the nodes).</summary>
    public ILinkShaping Shaping { get; }

    /// <inheritdoc />
    public async Task UpAsync(CancellationToken ct = default)
    {
        foreach (var (name, node) in _nodes)
        {
            _options.Progress?.Invoke($"connecting to {name}");
            await node.WaitUntilReachableAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            // One connection per node that every later command reuses: a drill runs several observers and probes on a node
            // at once, and as many fresh handshakes at a time overrun sshd's MaxStartups (connections dropped before login,
            // seen as "the connection broke" on the embedded lab described as a rack).
            await node.StartMasterAsync(ct).ConfigureAwait(false);
        }

        await new Provisioner(Inventory, Nodes).RunAsync(e => _options.Progress?.Invoke(e.ToString()), ct).ConfigureAwait(false);
        await SteadyState.WaitAsync(Nodes, Inventory, _options.SteadyStateTimeout, ct, new SteadyStateOptions { Time = _options.Time }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DownAsync(CancellationToken ct = default)
    {
        foreach (var node in _nodes.Values) await node.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default) =>
        Shaping.DegradeAsync(node, nic, degradation, ct);

    /// <inheritdoc />
    public Task CleanAsync(string node, string nic, CancellationToken ct = default) => Shaping.CleanAsync(node, nic, ct);

    /// <inheritdoc />
    public string AddressOf(PduSpec pdu) => pdu.Address;

    /// <inheritdoc />
    public Task CutAsync(string node, string nic, CancellationToken ct = default) => Cables.CutAsync(node, nic, ct);

    /// <inheritdoc />
    public Task RestoreAsync(string node, string nic, CancellationToken ct = default) => Cables.RestoreAsync(node, nic, ct);

    /// <inheritdoc />
    public bool IsCut(string node, string nic) => Cables.IsCut(node, nic);

    /// <inheritdoc />
    public string Describe(string node, string nic, bool cut) => Cables.Describe(node, nic, cut);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(DownAsync());
}
