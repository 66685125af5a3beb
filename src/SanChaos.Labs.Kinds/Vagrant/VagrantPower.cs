using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// What a Vagrant lab's PDU outlets do (<see cref="IOutletActuator"/>, driven by the lab's Redfish PDU):
/// <list type="bullet">
/// <item>a node's outlet off: the provider pulls the VM's power (<c>vagrant halt --force</c>), at once;</item>
/// <item>a node's outlet on: the VM boots again with its disks as they were (<c>vagrant up --no-provision</c>) in the
///   background, as a server starts booting when its outlet is switched on; the call returns once the boot started.
///   Once it runs, its links are set as the lab's cables and switches say (<see cref="VagrantLinks.ApplyAsync"/>). A failed boot is kept
///   (<see cref="BootFailure"/>) and thrown by the next power call for that node and by <see cref="WhenBootedAsync"/>;</item>
/// <item>a switch's outlet: the links of every VM NIC on its networks (<see cref="VagrantLinks"/>).</item>
/// </list>
/// Calls for one node are serialized (a power-off waits for a boot under way).
/// </summary>
public sealed class VagrantPower : IOutletActuator, IAsyncDisposable
{
    private readonly LabInventory _inventory;
    private readonly VagrantCli _cli;
    private readonly VagrantLinks _links;
    private readonly Func<string, Task> _poweredOff;
    private readonly Action<string>? _progress;
    private readonly Dictionary<string, SemaphoreSlim> _gates;
    private readonly Dictionary<string, bool> _powered;
    private readonly Dictionary<string, Task> _boots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> _failures = new(StringComparer.Ordinal);
    private CancellationTokenSource _stop = new();

    /// <summary>Power of the lab <paramref name="inventory"/>'s VMs and switches; every VM starts powered.</summary>
    /// <param name="inventory">A validated inventory of kind vagrant.</param>
    /// <param name="cli">Runs vagrant.</param>
    /// <param name="links">The NIC links (switch power, and links applied again after a boot).</param>
    /// <param name="poweredOff">Called after a node lost its power (e.g. to close its SSH connections); default none.</param>
    /// <param name="progress">Progress lines; default none.</param>
    public VagrantPower(LabInventory inventory, VagrantCli cli, VagrantLinks links, Func<string, Task>? poweredOff = null, Action<string>? progress = null)
    {
        _inventory = inventory;
        _cli = cli;
        _links = links;
        _poweredOff = poweredOff ?? (_ => Task.CompletedTask);
        _progress = progress;
        _gates = inventory.Nodes.ToDictionary(n => n.Name, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
        _powered = inventory.Nodes.ToDictionary(n => n.Name, _ => true, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task PowerOffAsync(string device, CancellationToken ct = default) =>
        OutletAsync(device, _links.SwitchOffAsync, async () =>
        {
            // A boot under way is waited for (vagrant locks the machine); whether it worked does not matter any more
            // (BootAsync keeps its failure instead of throwing).
            Task? boot;
            lock (_powered) _boots.Remove(device, out boot);
            if (boot is not null) await boot.ConfigureAwait(false);
            await _cli.PowerOffAsync(device, ct).ConfigureAwait(false);
            _links.Stopped(device);
            lock (_powered)
            {
                _powered[device] = false;
                _failures.Remove(device);
            }

            await _poweredOff(device).ConfigureAwait(false);
        }, ct);

    /// <inheritdoc />
    public Task PowerOnAsync(string device, CancellationToken ct = default) =>
        OutletAsync(device, _links.SwitchOnAsync, () =>
        {
            ThrowIfBootFailed(device);
            lock (_powered)
            {
                if (_powered[device]) return Task.CompletedTask;
                _powered[device] = true;
                var token = _stop.Token;
                _boots[device] = Task.Run(() => BootAsync(device, token), CancellationToken.None);
            }

            return Task.CompletedTask;
        }, ct);

    /// <inheritdoc />
    public bool IsPowered(string device)
    {
        if (_links.IsSwitch(device)) return _links.IsSwitchOn(device);
        GateOf(device);
        lock (_powered) return _powered[device];
    }

    /// <summary>Why the last boot of <paramref name="node"/> failed, or null.</summary>
    public Exception? BootFailure(string node)
    {
        lock (_powered) return _failures.GetValueOrDefault(node);
    }

    /// <summary>Completes when a boot of <paramref name="node"/> under way is done; throws when it failed.</summary>
    public async Task WhenBootedAsync(string node, CancellationToken ct = default)
    {
        Task? boot;
        lock (_powered) boot = _boots.GetValueOrDefault(node);
        if (boot is not null) await boot.WaitAsync(ct).ConfigureAwait(false);
        ThrowIfBootFailed(node);
    }

    /// <summary>
    /// Cancels boots under way and waits for them, then takes every VM as powered and forgets failed boots: the state
    /// of freshly created machines (after <c>vagrant destroy</c>, before the next <c>vagrant up</c>). Idempotent.
    /// </summary>
    public async Task ResetAsync()
    {
        CancellationTokenSource stop;
        Task[] boots;
        lock (_powered)
        {
            stop = _stop;
            _stop = new CancellationTokenSource();
            boots = _boots.Values.ToArray();
            _boots.Clear();
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(boots).ConfigureAwait(false);
        stop.Dispose();
        lock (_powered)
        {
            foreach (var node in _powered.Keys.ToArray()) _powered[node] = true;
            _failures.Clear();
        }
    }

    /// <summary>Cancels boots under way and waits for them (<see cref="ResetAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await ResetAsync().ConfigureAwait(false);

    private async Task BootAsync(string node, CancellationToken ct)
    {
        try
        {
            _progress?.Invoke($"power on {node}: booting its VM");
            await _cli.PowerOnAsync(node, ct).ConfigureAwait(false);
            await _links.ApplyAsync(node, ct).ConfigureAwait(false);
            _progress?.Invoke($"power on {node}: its VM runs");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // lab down
        }
        catch (Exception e)
        {
            lock (_powered) _failures[node] = e;
            _progress?.Invoke($"power on {node} failed: {e.Message}");
        }
    }

    /// <summary>
    /// One outlet switched: a switch's by <paramref name="forSwitch"/> (its links); a node's by <paramref name="forNode"/>,
    /// alone for that node.
    /// </summary>
    private async Task OutletAsync(string device, Func<string, CancellationToken, Task> forSwitch, Func<Task> forNode, CancellationToken ct)
    {
        if (_links.IsSwitch(device))
        {
            await forSwitch(device, ct).ConfigureAwait(false);
            return;
        }

        var gate = GateOf(device);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await forNode().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private void ThrowIfBootFailed(string node)
    {
        if (BootFailure(node) is { } e)
            throw new SanChaosException($"{node}'s VM did not boot after its power came back: {(e is SanChaosException s ? s.Problem : e.Message)}",
                e is SanChaosException { Remedy.Length: > 0 } r ? r.Remedy : "run `vagrant status` in the lab's Vagrantfile directory; take the lab down and up again.", e);
    }

    private SemaphoreSlim GateOf(string node) => _gates.TryGetValue(node, out var gate) ? gate
        : throw new SanChaosException($"The lab {_inventory.Name} has no node or switch '{node}'.",
            $"use one of: {string.Join(", ", _inventory.Nodes.Select(n => n.Name).Concat(_inventory.Switches.Select(s => s.Name)))}.");
}
