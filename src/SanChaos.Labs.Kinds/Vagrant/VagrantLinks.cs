using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// The links of every VM NIC of a Vagrant lab: a cable cut (<see cref="ICableControl"/>) sets one NIC's link down, a
/// switch without power sets down every NIC on the networks that hang on it. A NIC is up only when its cable is whole
/// and its switch has power. Links of a VM that does not run (<see cref="Stopped"/>) are left alone and applied when it
/// runs again (<see cref="ApplyAsync"/>), since the providers reset them at boot. Calls are serialized.
/// </summary>
public sealed class VagrantLinks : ICableControl
{
    private readonly LabInventory _inventory;
    private readonly VagrantSpec _vagrant;
    private readonly VagrantTools _tools;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<(string Node, string Nic)> _cut = [];
    private readonly HashSet<string> _switchesOff = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);

    /// <summary>Links of the lab <paramref name="inventory"/>.</summary>
    /// <param name="inventory">A validated inventory of kind vagrant.</param>
    /// <param name="tools">VBoxManage and virsh.</param>
    public VagrantLinks(LabInventory inventory, VagrantTools tools)
    {
        _inventory = inventory;
        _vagrant = inventory.Vagrant ?? throw new ArgumentException($"{inventory.SourcePath} has no vagrant section.", nameof(inventory));
        _tools = tools;
    }

    /// <inheritdoc />
    public Task CutAsync(string node, string nic, CancellationToken ct = default) => ChangeAsync(() => _cut.Add((node, nic)), NicsOf(node, nic), ct);

    /// <inheritdoc />
    public Task RestoreAsync(string node, string nic, CancellationToken ct = default) => ChangeAsync(() => _cut.Remove((node, nic)), NicsOf(node, nic), ct);

    /// <inheritdoc />
    public bool IsCut(string node, string nic)
    {
        lock (_cut) return _cut.Contains((node, nic));
    }

    /// <summary>Cuts the power of switch <paramref name="name"/>: every NIC on its networks goes down. Idempotent.</summary>
    public Task SwitchOffAsync(string name, CancellationToken ct = default) => ChangeAsync(() => _switchesOff.Add(name), NicsOn(name), ct);

    /// <summary>Gives switch <paramref name="name"/> its power back: its NICs come up unless their cable is cut. Idempotent.</summary>
    public Task SwitchOnAsync(string name, CancellationToken ct = default) => ChangeAsync(() => _switchesOff.Remove(name), NicsOn(name), ct);

    /// <summary>True unless the switch's power was cut.</summary>
    public bool IsSwitchOn(string name)
    {
        lock (_cut) return !_switchesOff.Contains(name);
    }

    /// <summary>True when <paramref name="device"/> is a switch of the inventory.</summary>
    public bool IsSwitch(string device) => _inventory.Switches.Any(s => s.Name == device);

    /// <summary>Forgets every cut cable and switch without power: the state of freshly created, running machines.</summary>
    public void Reset()
    {
        lock (_cut)
        {
            _cut.Clear();
            _switchesOff.Clear();
            _stopped.Clear();
        }
    }

    /// <summary><paramref name="node"/>'s VM stopped (lost its power): its links are left alone until <see cref="ApplyAsync"/>.</summary>
    public void Stopped(string node)
    {
        lock (_cut) _stopped.Add(node);
    }

    /// <summary><paramref name="node"/>'s VM runs again: every link of it that should be down is set down.</summary>
    public async Task ApplyAsync(string node, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (_cut) _stopped.Remove(node);
            var spec = _inventory.Node(node);
            foreach (var nic in spec.Interfaces.Where(n => !ShouldBeUp(spec, n)))
                await SetAsync(spec, nic, up: false, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ChangeAsync(Action change, IReadOnlyList<(NodeSpec Node, InterfaceSpec Nic)> nics, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (_cut) change();
            foreach (var (node, nic) in nics.Where(n => IsRunning(n.Node.Name)))
                await SetAsync(node, nic, ShouldBeUp(node, nic), ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsRunning(string node)
    {
        lock (_cut) return !_stopped.Contains(node);
    }

    private bool ShouldBeUp(NodeSpec node, InterfaceSpec nic)
    {
        var sw = _inventory.Network(nic.Network).Switch;
        lock (_cut) return !_cut.Contains((node.Name, nic.Name)) && (sw is null || !_switchesOff.Contains(sw));
    }

    private Task SetAsync(NodeSpec node, InterfaceSpec nic, bool up, CancellationToken ct) =>
        HostCommand.RunCheckedAsync(VagrantLinkCommands.LinkState(_vagrant, _tools, node, nic, up), ct: ct,
            remedy: VagrantLinkCommands.Remedy(_vagrant, _tools, node, nic));

    private List<(NodeSpec, InterfaceSpec)> NicsOf(string node, string nic)
    {
        var spec = _inventory.Node(node);
        var iface = spec.Interfaces.FirstOrDefault(i => i.Name == nic)
            ?? throw new SanChaosException($"{node} has no interface {nic} in {_inventory.SourcePath}.",
                $"use one of: {string.Join(", ", spec.Interfaces.Select(i => i.Name))}.");
        return [(spec, iface)];
    }

    private List<(NodeSpec, InterfaceSpec)> NicsOn(string switchName)
    {
        if (!IsSwitch(switchName))
            throw new SanChaosException($"The lab {_inventory.Name} has no switch '{switchName}'.",
                $"use one of: {string.Join(", ", _inventory.Switches.Select(s => s.Name))}.");
        var networks = _inventory.Networks.Where(n => n.Switch == switchName).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return _inventory.Nodes.SelectMany(n => n.Interfaces.Where(i => networks.Contains(i.Network)).Select(i => (n, i))).ToList();
    }
}
