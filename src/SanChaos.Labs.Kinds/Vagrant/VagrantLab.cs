using System.Net;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Kinds.LocalPdu;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Serial;
using SanChaos.Labs.Shaping;
using SanChaos.Labs.State;
using SanChaos.Labs.Uml;

namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// The Vagrant lab: the inventory's SAN as Vagrant VMs (libvirt or VirtualBox) on this workstation, from the
/// repository's Vagrantfile, which reads the same inventory.
/// <list type="bullet">
/// <item>Up: <c>vagrant up</c> (the Vagrantfile installs the Debian packages and the harness's SSH key), <c>vagrant
///   ssh-config</c>, SSH as root to each endpoint with the harness's key, the lab's Redfish PDU on 127.0.0.1, the
///   serial relay, then the harness's own provisioning (the lab/sut templates, as on the embedded lab and a rack) and
///   steady state. A lab whose VMs run already is reused (vagrant starts nothing, provisioning is idempotent).</item>
/// <item>Down: the PDU, the relay and the SSH connections stop, then <c>vagrant destroy -f</c>.</item>
/// <item>Power (through the PDU, <see cref="VagrantPower"/>): a node's outlet pulls its VM's power (<c>vagrant halt
///   --force</c>) and boots it again (<c>vagrant up --no-provision</c>); a switch's outlet sets the links of every VM NIC
///   on its networks.</item>
/// <item>Cables (<see cref="ICableControl"/>): the link of one VM NIC (<see cref="VagrantLinks"/>).</item>
/// <item>Serial cable (<see cref="ISerialCableControl"/>): both VMs' <c>/dev/ttyS1</c> are TCP servers on 127.0.0.1
///   (VirtualBox <c>--uartmode2 tcpserver</c>, a QEMU socket chardev) and a <see cref="TcpSerialRelay"/> carries the bytes;
///   pulling the cable stops it forwarding.</item>
/// <item>Link shaping (<see cref="ILinkShaping"/>): netem inside the nodes.</item>
/// </list>
/// The process that brings the lab up holds the PDU and the relay; it takes the lab down.
/// </summary>
public sealed class VagrantLab : ILab, IPduEndpoints, ICableControl, ISerialCableControl, ISerialCableCounters, ILinkShaping
{
    /// <summary>How long each node may take to answer SSH after <c>vagrant up</c>. 3 min.</summary>
    public static readonly TimeSpan SshTimeout = TimeSpan.FromMinutes(3);

    private readonly LabOptions _options;
    private readonly string _keyFile;
    private readonly LocalPduHost _pdus;
    private readonly Dictionary<string, SshNode> _nodes = new(StringComparer.Ordinal);
    private TcpSerialRelay? _relay;
    private bool _serialPlugged = true;
    private bool _broughtUp;
    private NodeLinkShaping? _shaping;

    /// <summary>Creates the lab (nothing runs until <see cref="UpAsync"/>).</summary>
    /// <param name="inventory">A validated inventory of kind vagrant.</param>
    /// <param name="options">
    /// Run id, progress, clock, steady-state timeout, <see cref="LabOptions.KeepOnFailure"/>; the harness's SSH key is
    /// <see cref="LabOptions.SshPrivateKeyFile"/>, default <c>.sanchaos/id_ed25519</c> in the Vagrantfile's directory
    /// (created when missing); the executables are <see cref="LabOptions.VagrantTools"/>, default from PATH.
    /// </param>
    /// <exception cref="SanChaosException">Not a Vagrant inventory, or its directory has no Vagrantfile.</exception>
    public VagrantLab(LabInventory inventory, LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        if (inventory.Kind != LabKind.Vagrant || inventory.Vagrant is null)
            throw new SanChaosException($"{inventory.SourcePath} describes a {inventory.Kind.ToString().ToLowerInvariant()} lab, not a Vagrant lab.",
                "use LabFactory.Create, which picks the lab kind.");
        Inventory = inventory;
        _options = options;
        RunId = options.RunId ?? Guid.NewGuid().ToString("N")[..8];
        _keyFile = options.SshPrivateKeyFile ?? Path.Combine(inventory.Vagrant.Directory, ".sanchaos", "id_ed25519");
        Machines = new VagrantMachines(inventory, options.VagrantTools ?? new VagrantTools(), _keyFile + ".pub", PoweredOffAsync, options.Progress);
        _pdus = new LocalPduHost(inventory);
    }

    /// <inheritdoc />
    public LabInventory Inventory { get; }

    /// <summary>Labels this lab's SSH control directory and PDU.</summary>
    public string RunId { get; }

    /// <summary>The VMs: vagrant, their power and their links.</summary>
    public VagrantMachines Machines { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, INode> Nodes =>
        _nodes.Count > 0 ? _nodes.ToDictionary(kv => kv.Key, kv => (INode)kv.Value, StringComparer.Ordinal) : throw NotUp();

    /// <inheritdoc />
    public SerialRelayCounters? SerialCounters => _relay?.Counters;

    /// <summary>The serial relay's state and counters in one line; null when the lab has no serial cable or is not up.</summary>
    public string? SerialRelayText => _relay is not { } r ? null
        : $"{(r.IsPlugged ? "plugged" : "pulled")}, relay {(r.IsRunning ? "running" : $"STOPPED ({r.Failure ?? "disposed"})")}; {r.Counters}";

    /// <inheritdoc />
    public async Task UpAsync(CancellationToken ct = default)
    {
        var progress = _options.Progress;
        _broughtUp = true;
        try
        {
            await UmlLab.EnsureSshKeyAsync(_keyFile, ct).ConfigureAwait(false);
            StartSerialRelay();
            progress?.Invoke($"bringing the Vagrant lab up ({Machines.Spec.ProviderName}, {Machines.Cli.Directory}): the first time downloads the box and installs packages");
            var endpoints = await Machines.UpAsync(ct).ConfigureAwait(false);
            await ConnectAsync(endpoints, ct).ConfigureAwait(false);
            await _pdus.StartAsync(Machines.Power, $"run {RunId}", progress, ct).ConfigureAwait(false);
            progress?.Invoke("provisioning the SAN (DRBD, LVM, Heartbeat, LIO target, open-iscsi, multipath)");
            // The VMs' second disks have whatever content: DRBD's full initial sync runs.
            await new Provisioner(Inventory, Nodes, new ProvisionerOptions { Time = _options.Time })
                .RunAsync(e => progress?.Invoke(e.ToString()), ct).ConfigureAwait(false);
            progress?.Invoke("waiting for steady state");
            await SteadyState.WaitAsync(Nodes, Inventory, _options.SteadyStateTimeout, ct,
                new SteadyStateOptions { RunId = RunId, Time = _options.Time }).ConfigureAwait(false);
        }
        catch (Exception) when (!_options.KeepOnFailure)
        {
            try
            {
                await DownAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception teardown)
            {
                progress?.Invoke($"teardown after the failed up also failed: {teardown.Message}");
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async Task DownAsync(CancellationToken ct = default)
    {
        var errors = new List<Exception>(await _pdus.StopAsync().ConfigureAwait(false));
        await StopHarnessSideAsync().ConfigureAwait(false);
        try
        {
            await Machines.DestroyAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            errors.Add(e);
        }

        _broughtUp = false;
        if (errors.Count > 0) throw new AggregateException($"Taking the Vagrant lab {Inventory.Name} (run {RunId}) down failed.", errors);
    }

    /// <inheritdoc />
    public string AddressOf(PduSpec pdu) => _pdus.AddressOf(pdu);

    /// <inheritdoc />
    public Task CutAsync(string node, string nic, CancellationToken ct = default) => Machines.Links.CutAsync(node, nic, ct);

    /// <inheritdoc />
    public Task RestoreAsync(string node, string nic, CancellationToken ct = default) => Machines.Links.RestoreAsync(node, nic, ct);

    /// <inheritdoc />
    public bool IsCut(string node, string nic) => Machines.Links.IsCut(node, nic);

    /// <inheritdoc />
    public Task PullAsync(CancellationToken ct = default)
    {
        RequireSerialCable();
        _serialPlugged = false;
        _relay?.Pull();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PlugAsync(CancellationToken ct = default)
    {
        RequireSerialCable();
        _serialPlugged = true;
        _relay?.Plug();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public bool IsPlugged => _relay?.IsPlugged ?? _serialPlugged;

    /// <inheritdoc />
    public Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default) =>
        Shaping.DegradeAsync(node, nic, degradation, ct);

    /// <inheritdoc />
    public Task CleanAsync(string node, string nic, CancellationToken ct = default) => Shaping.CleanAsync(node, nic, ct);

    /// <summary>
    /// Takes the lab down (<see cref="DownAsync"/>) when this object brought it up; otherwise (a lab opened only to heal
    /// or inspect) stops what it started and leaves the VMs alone.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_broughtUp)
        {
            await DownAsync().ConfigureAwait(false);
            return;
        }

        await _pdus.DisposeAsync().ConfigureAwait(false);
        await StopHarnessSideAsync().ConfigureAwait(false);
        await Machines.DisposeAsync().ConfigureAwait(false);
    }

    private ILinkShaping Shaping => _shaping ?? throw NotUp();

    /// <summary>One SSH connection per node: root with the harness's key, at the host and port vagrant gives.</summary>
    private async Task ConnectAsync(IReadOnlyDictionary<string, VagrantSshEndpoint> endpoints, CancellationToken ct)
    {
        foreach (var node in Inventory.Nodes)
        {
            var e = endpoints[node.Name];
            _nodes[node.Name] = new SshNode(new SshNodeOptions(node.Name, e.HostName)
            {
                Port = e.Port,
                User = node.Ssh.User,
                IdentityFile = node.Ssh.KeyFile ?? _keyFile,
                KnownHostsFile = e.KnownHostsFile,
                ControlDirectory = $"/tmp/sanchaos-ssh-{RunId}",
                ExtraOptions = e.ProxyCommand is { } proxy ? [$"ProxyCommand={proxy}"] : [],
            }, _options.Time);
        }

        _shaping = new NodeLinkShaping(Nodes);
        foreach (var (name, node) in _nodes)
        {
            _options.Progress?.Invoke($"connecting to {name} ({node.Options.Endpoint})");
            try
            {
                await node.WaitUntilReachableAsync(SshTimeout, TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            }
            catch (WaitTimeoutException e)
            {
                throw new SanChaosException($"{name} does not answer SSH as {node.Options.User} at {node.Options.Endpoint} with {node.Options.IdentityFile}: {e.Message}",
                    $"The Vagrantfile's provisioner `sanchaos-ssh-key` puts {_keyFile}.pub into root's authorized_keys when the VM is created: " +
                    $"run `vagrant provision {name} --provision-with sanchaos-ssh-key` in {Machines.Cli.Directory} (with SANCHAOS_SSH_PUBLIC_KEY={_keyFile}.pub), " +
                    "or take the lab down and up again.", e);
            }
        }
    }

    private void StartSerialRelay()
    {
        if (Inventory.Serial is not { } cable || _relay is not null) return;
        var ports = Machines.Spec.SerialTcpPorts;
        _relay = TcpSerialRelay.Start(cable.Ends[0], new IPEndPoint(IPAddress.Loopback, ports[cable.Ends[0]]),
            cable.Ends[1], new IPEndPoint(IPAddress.Loopback, ports[cable.Ends[1]]));
        if (!_serialPlugged) _relay.Pull();
        _options.Progress?.Invoke($"serial relay: {_relay}");
    }

    private async Task StopHarnessSideAsync()
    {
        if (_relay is not null) await _relay.DisposeAsync().ConfigureAwait(false);
        _relay = null;
        foreach (var node in _nodes.Values) await node.DisposeAsync().ConfigureAwait(false);
        _nodes.Clear();
        _shaping = null;
    }

    /// <summary>After a VM lost its power: its SSH master is dead, so it goes (the next command starts a new one).</summary>
    private async Task PoweredOffAsync(string node)
    {
        if (_nodes.TryGetValue(node, out var ssh)) await ssh.StopMasterAsync().ConfigureAwait(false);
    }

    private void RequireSerialCable()
    {
        if (Inventory.Serial is null)
            throw new SanChaosException($"The lab {Inventory.Name} has no serial cable.", $"declare `serial: {{ between: [otter, weasel] }}` in {Inventory.SourcePath}.");
    }

    private SanChaosException NotUp() => new($"The Vagrant lab {Inventory.Name} is not up.", "call UpAsync (or run `sanchaos lab up`) first.");
}
