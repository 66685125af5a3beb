using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Uml;

/// <summary>The machines: booting the nodes, waiting for their SSH, their power (<see cref="IOutletActuator"/>) and what they use of this host.</summary>
internal sealed partial class UmlLabSubstrate : IOutletActuator, IOutletClock
{
    private readonly Dictionary<string, DateTimeOffset> _powerChangedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UmlMachine> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, INode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _nodePower = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bootStarted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _sshUp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SemaphoreSlim> _powerGates = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, INode> Nodes => _nodes;

    public IOutletActuator Outlets => this;

    private static TaskCompletionSource NewSshUp() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenNodeUpAsync(string node, CancellationToken ct = default)
    {
        Machine(node);
        lock (_stateLock) return _sshUp[node].Task.WaitAsync(ct);
    }

    /// <summary>Ends every wait for a node that has not come up (the up failed, or the lab goes down) and arms new ones.</summary>
    private void ResetSshUp(Exception why)
    {
        lock (_stateLock)
            foreach (var name in _sshUp.Keys.ToArray())
            {
                _sshUp[name].TrySetException(why);
                if (_sshUp[name].Task.IsCompleted) _sshUp[name] = NewSshUp();
            }
    }

    /// <summary>Boots every machine (when <see cref="UmlLabOptions.BootWhen"/> lets it, at most <see cref="UmlLabOptions.BootConcurrency"/> at once) and waits for its SSH.</summary>
    /// <returns>How long each took from boot to SSH.</returns>
    private async Task<Dictionary<string, TimeSpan>> BootAllAsync(CancellationToken ct)
    {
        Report($"boot: {string.Join(", ", _machines.Keys)}");
        foreach (var m in _machines.Values) _nodes[m.Name] = MakeNode(m.Name);
        var bootToSsh = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        using var booting = new SemaphoreSlim(Math.Max(1, _options.BootConcurrency));
        await Task.WhenAll(_machines.Values.Select(async m =>
        {
            if (_options.BootWhen is { } when) await when(m.Name, ct).ConfigureAwait(false);
            await booting.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await StartMachineAsync(m, ct).ConfigureAwait(false);
                var took = await WaitForSshCoreAsync(m, _options.BootTimeout, ct).ConfigureAwait(false);
                lock (bootToSsh) bootToSsh[m.Name] = took;
                Report($"ssh: {m.Name} up after {took.TotalSeconds:0.0} s");
                lock (_stateLock) _sshUp[m.Name].TrySetResult();
            }
            finally
            {
                booting.Release();
            }
        })).ConfigureAwait(false);
        return bootToSsh;
    }

    public async Task WaitForSshAsync(string node, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var m = Machine(node);
        await WaitForSshCoreAsync(m, timeout ?? _options.BootTimeout, ct).ConfigureAwait(false);
    }

    private async Task<TimeSpan> WaitForSshCoreAsync(UmlMachine m, TimeSpan timeout, CancellationToken ct)
    {
        var node = _nodes.TryGetValue(m.Name, out var n) ? n : throw new SanChaosException($"Node {m.Name} is not up.", "call UpAsync first.");
        var address = _topology.ManagementAddressOf(m.Name);
        try
        {
            await Wait.UntilAsync($"{m.Name} answers SSH on {address} (namespace {_topology.Namespace})",
                async t =>
                {
                    if (!m.IsRunning) return Probe.Yes("its kernel is not running");
                    var r = await node.ExecAsync("true", TimeSpan.FromSeconds(15), t).ConfigureAwait(false);
                    return r.Succeeded ? Probe.Yes("`true` ran") : Probe.No($"exit {r.ExitCode}: {r.StandardError.Trim()}");
                },
                timeout, TimeSpan.FromMilliseconds(500), _options.Time,
                "", ct).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new UmlBootException(m.Name, $"no SSH answer on {address} within {timeout.TotalSeconds:0} s (last: {e.LastSeen})",
                m.ConsoleLog, UmlMachine.ConsoleTail(m.ConsoleLog), e);
        }

        var took = _bootStarted.TryGetValue(m.Name, out var started) ? _options.Time.GetElapsedTime(started) : TimeSpan.Zero;
        if (!m.IsRunning)
            throw new UmlBootException(m.Name, $"its kernel exited after {took.TotalSeconds:0.0} s", m.ConsoleLog, UmlMachine.ConsoleTail(m.ConsoleLog));
        if (node is SshNode ssh) await ssh.StartMasterAsync(ct).ConfigureAwait(false);
        return took;
    }

    // ---- IOutletActuator ----
    // A node's power is serialized by its own gate; a switch's power is a fabric change (see .Fabric).

    public async Task PowerOffAsync(string device, CancellationToken ct = default)
    {
        if (_machines.TryGetValue(device, out var m))
        {
            await _powerGates[device].WaitAsync(ct).ConfigureAwait(false);
            try
            {
                lock (_stateLock) _nodePower[device] = false;
                // The instant of the power loss: freeze first, bookkeeping after.
                await m.PowerOffAsync(ct).ConfigureAwait(false);
                if (m.PoweredOffAt is { } frozen)
                    lock (_stateLock) _powerChangedAt[device] = frozen;
                if (IsOnSerialRelay(device))
                    _relay.SetPowered(device, false); // its UART receives nothing while it is off
                if (_nodes.TryGetValue(device, out var node) && node is SshNode ssh)
                    await ssh.StopMasterAsync().ConfigureAwait(false);
                SaveState();
            }
            finally
            {
                _powerGates[device].Release();
            }

            return;
        }

        var sw = Switch(device);
        await ChangeFabricAsync(() => _switchesOff.Add(sw), ct).ConfigureAwait(false);
        lock (_stateLock) _powerChangedAt[device] = _options.Time.GetUtcNow(); // its bridge ports are down now
    }

    public async Task PowerOnAsync(string device, CancellationToken ct = default)
    {
        if (_machines.TryGetValue(device, out var m))
        {
            await _powerGates[device].WaitAsync(ct).ConfigureAwait(false);
            try
            {
                bool powered;
                lock (_stateLock) powered = _nodePower[device];
                if (powered && m.IsRunning) return;
                await StartMachineAsync(m, ct).ConfigureAwait(false);
            }
            finally
            {
                _powerGates[device].Release();
            }

            return;
        }

        var sw = Switch(device);
        await ChangeFabricAsync(() => _switchesOff.Remove(sw), ct).ConfigureAwait(false);
        lock (_stateLock) _powerChangedAt[device] = _options.Time.GetUtcNow(); // its bridge ports are up again
    }

    public DateTimeOffset? PowerChangedAt(string device)
    {
        lock (_stateLock) return _powerChangedAt.TryGetValue(device, out var t) ? t : null;
    }

    public bool IsPowered(string device)
    {
        var isNode = _machines.ContainsKey(device);
        var sw = isNode ? "" : Switch(device);
        lock (_stateLock) return isNode ? _nodePower[device] : !_switchesOff.Contains(sw);
    }

    // ---- observation ----

    public int? ProcessGroupOf(string node)
    {
        var m = Machine(node);
        return m.IsRunning ? m.Pid : null;
    }

    public string ConsoleLogOf(string node) => Machine(node).ConsoleLog;

    public string ConsoleTail(string node, int lines = 40) => UmlMachine.ConsoleTail(Machine(node).ConsoleLog, lines);

    public IReadOnlyDictionary<string, UmlNodeMemory> MeasureMemory()
    {
        var result = new Dictionary<string, UmlNodeMemory>(StringComparer.Ordinal);
        foreach (var m in _machines.Values.Where(m => m.IsRunning))
        {
            var members = ProcessTable.LiveGroupMembers(m.Pid);
            long pss = 0, rss = 0;
            foreach (var pid in ProcessTable.DistinctAddressSpaces(members.Select(p => p.Pid)))
                if (ProcessTable.Memory(pid) is { } mem)
                {
                    pss += mem.PssKb;
                    rss += mem.RssKb;
                }

            result[m.Name] = new UmlNodeMemory(m.Name, members.Count, pss, rss, m.Spec.MemoryMb);
        }

        return result;
    }

    // ---- helpers ----

    private async Task StartMachineAsync(UmlMachine m, CancellationToken ct)
    {
        // Its UART has power again; nothing waits in it (discarded at the power-off), and bytes toward it are dropped until
        // its Heartbeat opens the line.
        if (IsOnSerialRelay(m.Name)) _relay.SetPowered(m.Name, true);
        var slave = IsOnSerialRelay(m.Name) ? _relay.SlavePathOf(m.Name) : null;
        lock (_stateLock)
        {
            _bootStarted[m.Name] = _options.Time.GetTimestamp();
            _nodePower[m.Name] = true;
            _powerChangedAt[m.Name] = _options.Time.GetUtcNow(); // the kernel is launched next: power is back
        }

        await m.StartAsync(Image!.Path, slave, ct).ConfigureAwait(false);
        SaveState();
        // The kernel enables a bridge port when its tap gets carrier (the node's kernel attached it): put back the
        // state of cut cables and unpowered switches before the node's userspace sends anything.
        await _fabric.WaitForCarrierAsync(m.Name, () => m.IsRunning, _options.Time, ct).ConfigureAwait(false);
        await ChangeFabricAsync(() => true, ct).ConfigureAwait(false);
    }

    private INode MakeNode(string name)
    {
        var access = new UmlNodeAccess(name, _topology.ManagementAddressOf(name).ToString(), _topology.Namespace, _options.SshUser,
            _options.SshPrivateKeyFile ?? "", Path.Combine(RunDirectory, "ssh"));
        if (_options.NodeFactory is { } f) return f(access);
        return UmlNodeConnections.Open(access, _options.Time);
    }

    private UmlMachine Machine(string node) =>
        _machines.TryGetValue(node, out var m) ? m : throw new SanChaosException(
            $"The embedded lab (run {_topology.RunId}) has no node '{node}'.", $"use one of: {string.Join(", ", _machines.Keys)}.");
}
