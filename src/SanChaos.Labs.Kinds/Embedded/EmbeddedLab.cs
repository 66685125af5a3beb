using System.Runtime.ExceptionServices;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Kinds.Embedded.Pdu;
using SanChaos.Labs.Kinds.LocalPdu;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.Serial;
using SanChaos.Labs.Shaping;
using SanChaos.Labs.State;
using SanChaos.Labs.Uml;
using SanChaos.Labs.Uml.Kernels;

namespace SanChaos.Labs.Kinds.Embedded;

/// <summary>
/// The embedded lab: the inventory's SAN in user-mode Linux on this machine (<see cref="IUmlLab"/>), a
/// Redfish PDU on 127.0.0.1 whose outlets cut the power of node kernels and lab switches, provisioning
/// from the shared SUT templates, and steady state. The process that brings it up owns it (the PDU and the
/// serial relay live in this process) and takes it down.
/// </summary>
public sealed class EmbeddedLab : IKeptLab, IEmbeddedLabView, ISerialCableCounters
{
    private readonly LabOptions _options;
    private readonly LocalPduHost _pdus;
    private IUmlLab? _uml;
    private NodeLinkShaping? _shaping;

    /// <summary>Creates the lab (nothing starts until <see cref="UpAsync"/>).</summary>
    public EmbeddedLab(LabInventory inventory, LabOptions options)
    {
        if (inventory.Kind != LabKind.Embedded)
            throw new SanChaosException($"{inventory.SourcePath} describes a {inventory.Kind} lab, not an embedded one.", "use LabFactory.Create, which picks the lab kind.");
        Inventory = inventory;
        _options = options;
        RunId = options.RunId ?? Guid.NewGuid().ToString("N")[..8];
        _pdus = new LocalPduHost(inventory);
    }

    /// <inheritdoc />
    public LabInventory Inventory { get; }

    /// <summary>Labels the namespace, processes and files of this lab.</summary>
    public string RunId { get; }

    /// <summary>The substrate, once up.</summary>
    public IUmlLab Substrate => _uml ?? throw NotUp();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, INode> Nodes => Substrate.Nodes;

    /// <summary>Link shaping (netem inside the nodes).</summary>
    public ILinkShaping Shaping => _shaping ?? throw NotUp();

    /// <summary>The last up's timings.</summary>
    public LabUpReport? UpReport { get; private set; }

    /// <inheritdoc />
    public UmlTopology Topology => Substrate.Topology;

    /// <inheritdoc />
    public TimeSpan? ResourceGroupStart =>
        UpReport?.Provisioning.PhaseDurations.TryGetValue(ProvisionPhase.ResourceStart, out var start) == true ? start : null;

    /// <inheritdoc />
    public string? SerialRelayFailure => Substrate.SerialRelay is { IsRunning: false } r ? r.Failure ?? "the relay was stopped" : null;

    /// <inheritdoc />
    public SerialRelayCounters? SerialCounters => Substrate.SerialRelay?.Counters;

    /// <summary>The serial relay's state, which nodes have their port open, and its counters in one line; null when the lab has no
    /// serial cable.</summary>
    public string? SerialRelayText => Substrate.SerialRelay is not { } r ? null
        : $"{(r.IsPlugged ? "plugged" : "pulled")}, relay {(r.IsRunning ? "running" : $"STOPPED ({r.Failure ?? "disposed"})")}, " +
          $"port open on {PortsOpen(r)}; {r.Counters}";

    private static string PortsOpen(SerialRelay r)
    {
        try
        {
            var open = new[] { r.EndA, r.EndB }.Where(r.IsPortOpen).ToArray();
            return open.Length == 0 ? "neither node" : string.Join(" and ", open);
        }
        catch (ObjectDisposedException)
        {
            return "neither node (relay disposed)";
        }
    }

    /// <inheritdoc />
    public async Task UpAsync(CancellationToken ct = default)
    {
        var t0 = _options.Time.GetTimestamp();
        var progress = _options.Progress;
        var keyFile = _options.SshPrivateKeyFile ?? UmlLab.DefaultSshKeyFile;
        var publicKey = await UmlLab.EnsureSshKeyAsync(keyFile, ct).ConfigureAwait(false);
        var topology = EmbeddedTopology.From(Inventory, RunId, publicKey, serialBaud: EmbeddedTopology.SerialBaud(Inventory));
        // Clients boot once the storage nodes hold the resource group, not alongside them. A UML node runs best with
        // both cores (its kernel and the traced process ping-pong), and two busy nodes slow each other down more than
        // they gain: measured on 2 cores, badger booting during DRBD/LVM set-up took 55 s instead of 17 and the lab
        // up gained 6 s; booting during Heartbeat's start stretched the resource start from 64 s to 107 s (207 s in
        // all). On real machines the client track runs alongside (see ProvisionStage).
        var clientsMayBoot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Inventory.Clients.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        // The SUT build: the node kernel (fetched once for a Debian suite's kernel) and the userland release of the image.
        var build = Inventory.Sut.Build;
        var kernel = await new UmlKernelFetcher(progress: progress)
            .EnsureAsync(UmlKernelSpec.Find(build.Kernel), ct).ConfigureAwait(false);
        progress?.Invoke($"node build {Inventory.Sut.BuildName}: kernel {kernel.Name} ({kernel.Version}), userland {build.Release}");
        _uml = UmlLab.Create(topology, new UmlLabOptions
        {
            Kernel = kernel,
            Suite = build.Release,
            SshPrivateKeyFile = keyFile,
            Progress = progress is null ? null : new Progress<string>(progress),
            Time = _options.Time,
            RunsDirectory = _options.RunsDirectory ?? UmlLabOptions.DefaultRunsDirectory,
            BootWhen = (node, token) => clients.Contains(node) ? clientsMayBoot.Task.WaitAsync(token) : Task.CompletedTask,
        });
        // Provisioning starts as soon as the storage nodes answer SSH; a client that boots later is provisioned
        // when it is up (its steps wait for it), and the storage nodes do not wait for it.
        using var upCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var up = _uml.UpAsync(upCancel.Token);
        try
        {
            foreach (var n in Inventory.StorageNodes) await _uml.WhenNodeUpAsync(n.Name, ct).ConfigureAwait(false);
            _shaping = new NodeLinkShaping(_uml.Nodes);
            // An outlet feeding `serial` drives the serial cable's relay, as a relay in a rack's null-modem line would.
            await _pdus.StartAsync(new SerialRelayOutlet(Substrate.Outlets, () => Substrate.SerialCable), $"run {RunId}", progress, ct).ConfigureAwait(false);
            progress?.Invoke($"provisioning the SAN (DRBD, LVM, Heartbeat, {SutValues.For(Inventory)["target_name"]} target, open-iscsi, multipath)");
            var uml = _uml;
            var provisioningStarted = _options.Time.GetTimestamp();
            var provisioning = await new Provisioner(Inventory, _uml.Nodes, new ProvisionerOptions
            {
                Time = _options.Time,
                // The data disks are new sparse files, all zeros on both storage nodes.
                DrbdDisksAreBlank = true,
                NodeReady = (node, token) => uml.WhenNodeUpAsync(node, token),
            }).RunAsync(e =>
            {
                if (e is { Phase: ProvisionPhase.ResourceStart, Kind: StepEventKind.Completed or StepEventKind.Skipped }) clientsMayBoot.TrySetResult();
                progress?.Invoke(e.ToString());
            }, ct).ConfigureAwait(false);
            await up.ConfigureAwait(false);
            progress?.Invoke("waiting for steady state");
            var s0 = _options.Time.GetTimestamp();
            var steady = await SteadyState.WaitAsync(_uml.Nodes, Inventory, _options.SteadyStateTimeout, ct,
                new SteadyStateOptions { RunId = RunId, Time = _options.Time }).ConfigureAwait(false);
            UpReport = new LabUpReport(_uml.UpTimings, provisioning, _options.Time.GetElapsedTime(s0), steady, _options.Time.GetElapsedTime(t0))
            {
                ProvisioningStartedAt = _options.Time.GetElapsedTime(t0, provisioningStarted),
            };
        }
        catch (Exception failure)
        {
            // A boot that failed is the cause of whatever provisioning saw after it: report the boot. A lab kept for
            // inspection finishes booting its client; otherwise the boot still under way is cancelled.
            if (_options.KeepOnFailure) clientsMayBoot.TrySetResult();
            else await upCancel.CancelAsync().ConfigureAwait(false);
            Exception? upFailure = null;
            try
            {
                await up.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                upFailure = e;
            }
            catch (OperationCanceledException)
            {
                // cancelled above because provisioning failed
            }

            if (!_options.KeepOnFailure)
            {
                try
                {
                    await DownAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception teardown)
                {
                    progress?.Invoke($"teardown after the failed up also failed: {teardown.Message}");
                }
            }

            if (upFailure is not null && upFailure != failure) ExceptionDispatchInfo.Capture(upFailure).Throw();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DownAsync(CancellationToken ct = default)
    {
        var errors = new List<Exception>(await _pdus.StopAsync().ConfigureAwait(false));
        if (_uml is not null)
        {
            try
            {
                await _uml.DownAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        if (errors.Count > 0) throw new AggregateException($"Taking the embedded lab (run {RunId}) down failed.", errors);
    }

    /// <inheritdoc />
    public Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default) =>
        Shaping.DegradeAsync(node, nic, degradation, ct);

    /// <inheritdoc />
    public Task CleanAsync(string node, string nic, CancellationToken ct = default) => Shaping.CleanAsync(node, nic, ct);

    /// <inheritdoc />
    public string AddressOf(PduSpec pdu) => _pdus.AddressOf(pdu);

    /// <inheritdoc />
    public Task CutAsync(string node, string nic, CancellationToken ct = default) => Substrate.Cables.CutAsync(node, nic, ct);

    /// <inheritdoc />
    public Task RestoreAsync(string node, string nic, CancellationToken ct = default) => Substrate.Cables.RestoreAsync(node, nic, ct);

    /// <inheritdoc />
    public bool IsCut(string node, string nic) => Substrate.Cables.IsCut(node, nic);

    /// <inheritdoc />
    public Task PullAsync(CancellationToken ct = default) => Relay.PullAsync(ct);

    /// <inheritdoc />
    public Task PlugAsync(CancellationToken ct = default) => Relay.PlugAsync(ct);

    /// <inheritdoc />
    public bool IsPlugged => Relay.IsPlugged;

    private ISerialCableControl Relay => Substrate.SerialCable
        ?? throw new SanChaosException($"The lab {Inventory.Name} has no serial cable.", "declare `serial: { between: [otter, weasel] }` in the inventory.");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_uml is null) return;
        await DownAsync().ConfigureAwait(false);
        await _uml.DisposeAsync().ConfigureAwait(false);
        _uml = null;
    }

    private static SanChaosException NotUp() => new("The embedded lab is not up.", "call UpAsync (or run `sanchaos lab up`) first.");
}
