using System.Globalization;
using SanChaos.Core.Errors;

namespace SanChaos.Labs.Uml;

/// <summary>
/// The embedded lab on this machine (see <see cref="IUmlLab"/>): user-mode Linux nodes wired inside a network
/// namespace, with their power outlets (<see cref="IOutletActuator"/>), cables (<see cref="ICableControl"/>) and the
/// serial cable (<see cref="ISerialCableControl"/> over a <see cref="Serial.SerialRelay"/>). Its state file lets another process find and remove it.
/// </summary>
/// <remarks>
/// One class in several files, by concern: this one brings the lab up and takes it down; <c>.Machines</c> holds the
/// nodes and their power, <c>.Fabric</c> the bridges, cables and switches, <c>.Serial</c> the serial cable, and
/// <c>.RunState</c> the machine's lab lock and the state file.
/// </remarks>
internal sealed partial class UmlLabSubstrate : IUmlLab
{
    private readonly UmlTopology _topology;
    private readonly UmlLabOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Power, cable and switch operations may come from several threads (drill steps, the embedded PDU server):
    // each node's power is serialized by its own gate, fabric changes by one gate; sets are read and written under
    // the state lock.
    private readonly Lock _stateLock = new();
    private long _upStarted;
    private bool _created;

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

    public UmlTopology Topology => _topology;

    public bool IsUp { get; private set; }

    public UmlImage? Image { get; private set; }

    public UmlUpTimings? UpTimings { get; private set; }

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
        await ClaimMachineAsync(ct).ConfigureAwait(false);
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
        _state = NewRunState();
        SaveState();
        await _fabric.CreateAsync(ct).ConfigureAwait(false);
        StartSerialRelay();
        var fabric = time.GetElapsedTime(fabricStart);

        var bootToSsh = await BootAllAsync(ct).ConfigureAwait(false);

        _state.Phase = "up";
        SaveState();
        IsUp = true;
        UpTimings = new UmlUpTimings(preflight, image, Image.WasCached, fabric, bootToSsh, time.GetElapsedTime(_upStarted))
        {
            BootStartedAt = _machines.Keys.Where(_bootStarted.ContainsKey)
                .ToDictionary(n => n, n => time.GetElapsedTime(_upStarted, _bootStarted[n]), StringComparer.Ordinal),
        };
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
            StopSerialRelay();
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
        ForgetFabricChanges();
        await Try("reaping leftovers of dead runs", () => ReapAsync(ct)).ConfigureAwait(false);
        ReleaseMachine();
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

    private void Report(string step)
    {
        var elapsed = _upStarted == 0 ? TimeSpan.Zero : _options.Time.GetElapsedTime(_upStarted);
        _options.Progress?.Report(string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalSeconds,6:0.0} s] {step}"));
    }
}
