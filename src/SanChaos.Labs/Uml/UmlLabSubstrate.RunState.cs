using SanChaos.Core.Errors;

namespace SanChaos.Labs.Uml;

/// <summary>The run's claim on this machine (the lab lock, no other live run) and its state file, which lets another process find and remove it.</summary>
internal sealed partial class UmlLabSubstrate
{
    private RunState? _state;
    private LabLock? _machineLock;

    public string RunDirectory { get; }

    /// <summary>
    /// Takes the machine for this run: its lab lock, then no other live run (dead ones are reaped), then the leftovers of
    /// an earlier process with this run id removed.
    /// </summary>
    private async Task ClaimMachineAsync(CancellationToken ct)
    {
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
                         RunStateStore.Load(_options.RunsDirectory, _topology.RunId), _options.Time, ct).ConfigureAwait(false))
                Report(line);
        }
    }

    private void ReleaseMachine()
    {
        _machineLock?.Dispose();
        _machineLock = null;
    }

    /// <summary>The state of a run whose fabric is about to be created, owned by this process.</summary>
    private RunState NewRunState() => new()
    {
        RunId = _topology.RunId,
        Namespace = _topology.Namespace,
        OwnerPid = Environment.ProcessId,
        OwnerStartTicks = ProcessTable.Read(Environment.ProcessId)?.StartTicks ?? 0,
        Created = DateTimeOffset.UtcNow,
        Bridges = [.. _fabric.BridgeDevices],
        Taps = [.. _fabric.TapDevices],
    };

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
}
