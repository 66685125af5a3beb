using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Serial;

namespace SanChaos.Labs.Uml;

/// <summary>
/// The embedded lab on this machine (see <see cref="IUmlLab"/>): user-mode Linux nodes wired inside a network
/// namespace, with their power outlets (<see cref="IOutletActuator"/>), cables (<see cref="ICableControl"/>) and the
/// serial cable (<see cref="ISerialCableControl"/> over a <see cref="Serial.SerialRelay"/>). Its state file lets another process find and remove it.
/// </summary>
internal sealed class UmlLabSubstrate : IUmlLab, IOutletActuator, ICableControl, ISerialCableControl
{
    private readonly UmlTopology _topology;
    private readonly UmlLabOptions _options;
    private readonly UmlFabric _fabric;
    private readonly Dictionary<string, UmlMachine> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, INode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _nodePower = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bootStarted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _sshUp = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switchesOff = new(StringComparer.Ordinal);
    private readonly HashSet<(string Node, string Nic)> _cutCables = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _fabricGate = new(1, 1);
    private readonly Dictionary<string, SemaphoreSlim> _powerGates = new(StringComparer.Ordinal);
    private readonly Lock _stateLock = new();
    private SerialRelay? _relay;
    private RunState? _state;
    private long _upStarted;
    private bool _created;
    private bool _serialPlugged = true;
    private bool _fabricDirty;
    private LabLock? _machineLock;

    public UmlLabSubstrate(UmlTopology topology, UmlLabOptions options)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        topology.Validate();
        _topology = topology;
        _options = options;
        _fabric = new UmlFabric(topology);
        RunDirectory = RunStateStore.RunDirectory(options.RunsDirectory, topology.RunId);
        foreach (var n in topology.Nodes)
        {
            _machines[n.Name] = new UmlMachine(topology, n, _fabric, options, RunDirectory);
            _nodePower[n.Name] = false;
            _powerGates[n.Name] = new SemaphoreSlim(1, 1);
            _sshUp[n.Name] = NewSshUp();
        }
    }

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

    public UmlTopology Topology => _topology;

    public string RunDirectory { get; }

    public bool IsUp { get; private set; }

    public UmlImage? Image { get; private set; }

    public UmlUpTimings? UpTimings { get; private set; }

    public IReadOnlyDictionary<string, INode> Nodes => _nodes;

    public IOutletActuator Outlets => this;

    public ICableControl Cables => this;

    public ISerialCableControl? SerialCable => _topology.Serial is null ? null : this;

    public SerialRelay? SerialRelay => _relay;

    public async Task UpAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (IsUp) return;
            _upStarted = _options.Time.GetTimestamp();
            try
            {
                await UpCoreAsync(ct).ConfigureAwait(false);
            }
            catch (Exception original)
            {
                ResetSshUp(original);
                Report("up failed; removing what was created (console logs kept until the next up or down)");
                try
                {
                    await DownCoreAsync(CancellationToken.None, keepConsoleLogs: true).ConfigureAwait(false);
                }
                catch (Exception teardown)
                {
                    // Reported beside the original failure, never instead of it.
                    original.Data["SanChaos.TeardownError"] = teardown.Message;
                    Report($"cleaning up after the failed up also failed: {teardown.Message}");
                }

                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task UpCoreAsync(CancellationToken ct)
    {
        var time = _options.Time;
        Report("preflight");
        var recipe = UmlPreflight.Check(_options);
        if (_options.NodeFactory is null && string.IsNullOrWhiteSpace(_options.SshPrivateKeyFile))
            throw new SanChaosException("UmlLabOptions.SshPrivateKeyFile is not set: the harness could not log into the nodes.",
                "create a key pair with UmlLab.EnsureSshKeyAsync and pass its private key file and public key.");
        // One lab per machine: wait for whoever drives one now (another test project, a `lab up` elsewhere).
        _machineLock ??= await LabLock.AcquireAsync(_options.LabLockTimeout, Report, ct: ct).ConfigureAwait(false);
        var others = UmlReaper.LiveRuns(_options.RunsDirectory, _topology.RunId);
        if (others.Count == 0) await ReapAsync(ct).ConfigureAwait(false);
        others = UmlReaper.LiveRuns(_options.RunsDirectory, _topology.RunId);
        if (others.Count > 0)
            throw new SanChaosException(
                $"Another embedded lab is running: run {others[0].RunId} (namespace {others[0].Namespace}), started {others[0].Created:u} by process {others[0].OwnerPid}. Only one lab runs on a machine at a time.",
                $"stop it with `sanchaos lab down` (or UmlLab.DownRunAsync(\"{others[0].RunId}\")), or wait for its owner to finish.");
        if (Directory.Exists(RunDirectory) || UmlFabric.NamespaceExists(_topology.Namespace))
        {
            // Leftovers of an earlier process with the same run id.
            foreach (var line in await UmlReaper.TearDownAsync(_options.RunsDirectory, _topology.RunId,
                         RunStateStore.Load(_options.RunsDirectory, _topology.RunId), time, ct).ConfigureAwait(false))
                Report(line);
        }

        var preflight = time.GetElapsedTime(_upStarted);

        var imageStart = time.GetTimestamp();
        Report("image");
        var builder = new ImageBuilder(_options, recipe);
        Image = await builder.EnsureAsync(step => Report($"image: {step}"), ct).ConfigureAwait(false);
        Report(Image.WasCached ? $"image: cached {Image.Path}" : $"image: built {Image.Path} in {Image.BuildTime.TotalSeconds:0} s");
        var image = time.GetElapsedTime(imageStart);

        var fabricStart = time.GetTimestamp();
        Report("fabric");
        Directory.CreateDirectory(RunDirectory);
        _created = true;
        _state = new RunState
        {
            RunId = _topology.RunId,
            Namespace = _topology.Namespace,
            OwnerPid = Environment.ProcessId,
            OwnerStartTicks = ProcessTable.Read(Environment.ProcessId)?.StartTicks ?? 0,
            Created = DateTimeOffset.UtcNow,
            Bridges = [.. _fabric.BridgeDevices],
            Taps = [.. _fabric.TapDevices],
        };
        SaveState();
        await _fabric.CreateAsync(ct).ConfigureAwait(false);
        if (_topology.Serial is { } cable)
        {
            _relay = Serial.SerialRelay.Start(cable.NodeA, cable.NodeB);
            if (!_serialPlugged) _relay.Pull();
        }
        var fabric = time.GetElapsedTime(fabricStart);

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

        _state.Phase = "up";
        SaveState();
        IsUp = true;
        UpTimings = new UmlUpTimings(preflight, image, Image.WasCached, fabric, bootToSsh, time.GetElapsedTime(_upStarted))
        {
            BootStartedAt = _machines.Keys.Where(_bootStarted.ContainsKey)
                .ToDictionary(n => n, n => time.GetElapsedTime(_upStarted, _bootStarted[n]), StringComparer.Ordinal),
        };
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

    public async Task DownAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await DownCoreAsync(ct, _options.KeepConsoleLogs).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DownCoreAsync(CancellationToken ct, bool keepConsoleLogs)
    {
        var errors = new List<string>();
        async Task Try(string what, Func<Task> step)
        {
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.Add($"{what}: {e.Message}");
            }
        }

        IsUp = false;
        ResetSshUp(new SanChaosException($"The embedded lab (run {_topology.RunId}) was taken down before its node came up.", "bring the lab up again."));
        if (_state is not null)
        {
            _state.Phase = "stopping";
            await Try("saving the state file", () => Task.Run(SaveState, ct)).ConfigureAwait(false);
        }

        foreach (var node in _nodes.Values)
            if (node is IAsyncDisposable d) await Try($"closing SSH to {node.Name}", async () => await d.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
        _nodes.Clear();
        foreach (var m in _machines.Values)
        {
            await Try($"powering off {m.Name}", () => m.PowerOffAsync(ct)).ConfigureAwait(false);
            lock (_stateLock) _nodePower[m.Name] = false;
        }

        await Try("stopping the serial relay", () =>
        {
            _relay?.Dispose();
            _relay = null;
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        if (_created)
        {
            await Try($"removing namespace {_topology.Namespace}", async () =>
                await UmlReaper.RemoveNamespaceAsync(_topology.Namespace, [.. _fabric.TapDevices, .. _fabric.BridgeDevices], _options.Time, ct).ConfigureAwait(false)).ConfigureAwait(false);
            await Try($"removing {RunDirectory}", () => UmlReaper.RemoveRunDirectoryAsync(RunDirectory, keepConsoleLogs, ct)).ConfigureAwait(false);
            _created = false;
        }

        _state = null;
        lock (_stateLock)
        {
            _switchesOff.Clear();
            _cutCables.Clear();
            _fabricDirty = false;
        }
        await Try("reaping leftovers of dead runs", () => ReapAsync(ct)).ConfigureAwait(false);
        _machineLock?.Dispose();
        _machineLock = null;
        if (errors.Count > 0)
            throw new SanChaosException(
                $"Taking the embedded lab (run {_topology.RunId}) down left work undone:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}",
                "run `sanchaos lab down` again; it removes what is left by label (namespace sanchaos-*, run directories).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_created || IsUp) await DownAsync().ConfigureAwait(false);
        _gate.Dispose();
        _fabricGate.Dispose();
        foreach (var g in _powerGates.Values) g.Dispose();
    }

    // ---- IOutletActuator ----
    // Power, cable and switch operations may come from several threads (drill steps, the embedded PDU server):
    // each node's power is serialized by its own gate, fabric changes by one gate; sets are read and written under
    // the state lock.

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
                if (_relay is not null && _topology.Serial is { } cable && (cable.NodeA == device || cable.NodeB == device))
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
    }

    public bool IsPowered(string device)
    {
        var isNode = _machines.ContainsKey(device);
        var sw = isNode ? "" : Switch(device);
        lock (_stateLock) return isNode ? _nodePower[device] : !_switchesOff.Contains(sw);
    }

    // ---- ISerialCableControl ----

    bool ISerialCableControl.IsPlugged => _relay?.IsPlugged ?? _serialPlugged;

    Task ISerialCableControl.PullAsync(CancellationToken ct)
    {
        _serialPlugged = false;
        _relay?.Pull();
        return Task.CompletedTask;
    }

    Task ISerialCableControl.PlugAsync(CancellationToken ct)
    {
        _serialPlugged = true;
        _relay?.Plug();
        return Task.CompletedTask;
    }

    // ---- ICableControl ----

    public Task CutAsync(string node, string nic, CancellationToken ct = default)
    {
        CheckNic(node, nic);
        return ChangeFabricAsync(() => _cutCables.Add((node, nic)), ct);
    }

    public Task RestoreAsync(string node, string nic, CancellationToken ct = default)
    {
        CheckNic(node, nic);
        return ChangeFabricAsync(() => _cutCables.Remove((node, nic)), ct);
    }

    public bool IsCut(string node, string nic)
    {
        lock (_stateLock) return _cutCables.Contains((node, nic));
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
        if (_relay is not null && _topology.Serial is { } cable && (cable.NodeA == m.Name || cable.NodeB == m.Name))
        {
            _relay.FlushSide(m.Name); // a real cable buffers nothing: no stale bytes for the booting node
            _relay.SetPowered(m.Name, true);
        }
        var slave = _relay is not null && _topology.Serial is { } c && (c.NodeA == m.Name || c.NodeB == m.Name)
            ? _relay.SlavePathOf(m.Name)
            : null;
        lock (_stateLock)
        {
            _bootStarted[m.Name] = _options.Time.GetTimestamp();
            _nodePower[m.Name] = true;
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

    /// <summary>Applies <paramref name="change"/> to the cut cables or unpowered switches and, when it changed
    /// something, sets the bridge ports accordingly (one batch).</summary>
    private async Task ChangeFabricAsync(Func<bool> change, CancellationToken ct)
    {
        if (!_created) throw new SanChaosException("The embedded lab is not up.", "call UpAsync first.");
        await _fabricGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            HashSet<(string, string)> cut;
            HashSet<string> off;
            lock (_stateLock)
            {
                if (!change()) return;
                cut = [.. _cutCables];
                off = [.. _switchesOff];
            }

            SaveState();
            if (cut.Count == 0 && off.Count == 0 && !_fabricDirty) return;
            await _fabric.ApplyAsync(cut, off, ct).ConfigureAwait(false);
            _fabricDirty = cut.Count > 0 || off.Count > 0;
        }
        finally
        {
            _fabricGate.Release();
        }
    }

    private async Task ReapAsync(CancellationToken ct)
    {
        foreach (var line in await UmlReaper.ReapDeadAsync(_options.RunsDirectory, _topology.RunId, _options.Time, ct).ConfigureAwait(false))
            Report($"reaped: {line}");
    }

    private void SaveState()
    {
        lock (_stateLock)
        {
            if (_state is null) return;
            _state.Nodes = _machines.Values.Select(m => new RunNodeState
            {
                Name = m.Name,
                Pid = m.Pid,
                StartTicks = m.StartTicks,
                Powered = _nodePower[m.Name],
                Boots = m.Boots,
                ManagementAddress = _topology.ManagementAddressOf(m.Name).ToString(),
                ConsoleLog = m.ConsoleLog,
            }).ToList();
            _state.SwitchesOff = [.. _switchesOff.Order(StringComparer.Ordinal)];
            _state.CablesCut = [.. _cutCables.Select(c => $"{c.Node}/{c.Nic}").Order(StringComparer.Ordinal)];
            RunStateStore.Save(_options.RunsDirectory, _state);
        }
    }

    private UmlMachine Machine(string node) =>
        _machines.TryGetValue(node, out var m) ? m : throw new SanChaosException(
            $"The embedded lab (run {_topology.RunId}) has no node '{node}'.", $"use one of: {string.Join(", ", _machines.Keys)}.");

    private string Switch(string device)
    {
        if (_topology.Bridges.Any(b => b.Switch == device)) return device;
        throw new SanChaosException(
            $"The embedded lab (run {_topology.RunId}) has no node or switch '{device}' to switch power for.",
            $"use a node ({string.Join(", ", _machines.Keys)}) or a switch ({string.Join(", ", _topology.Bridges.Select(b => b.Switch).OfType<string>())}).");
    }

    private void CheckNic(string node, string nic)
    {
        if (!Machine(node).Spec.Interfaces.Any(i => i.GuestName == nic))
            throw new SanChaosException($"Node {node} has no interface '{nic}'.",
                $"use one of: {string.Join(", ", Machine(node).Spec.Interfaces.Select(i => i.GuestName))}.");
    }

    private void Report(string step)
    {
        var elapsed = _upStarted == 0 ? TimeSpan.Zero : _options.Time.GetElapsedTime(_upStarted);
        _options.Progress?.Report(string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalSeconds,6:0.0} s] {step}"));
    }
}
