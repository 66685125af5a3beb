using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Faults.Network;
using SanChaos.Faults.Node;
using SanChaos.Faults.Power;
using SanChaos.Faults.Primary;
using SanChaos.Inventory.Model;
using SanChaos.Labs;

namespace SanChaos.Faults.Catalog;

/// <summary>
/// The faults SanChaos knows, built for one lab and named as storage engineers say them. Each factory checks at once
/// that the inventory declares what the fault touches and that the lab has the capability it needs
/// (<see cref="IPduEndpoints"/> or a PDU address, <see cref="ICableControl"/>, <see cref="ISerialCableControl"/>,
/// <see cref="ILinkShaping"/>, node access), and refuses with <see cref="FaultRefusedException"/> saying what to do
/// otherwise. Nothing touches the lab until a <see cref="FaultSet"/> injects the fault. <see cref="Rebuild"/> turns a
/// journaled <see cref="FaultDescriptor"/> back into a fault so leftovers can be healed.
/// </summary>
public sealed partial class FaultCatalog
{
    private readonly ILab _lab;
    private readonly FaultCatalogOptions _o;
    private readonly PduConnector _pdus;
    private readonly NodeShell _shell;

    /// <summary>A catalogue for <paramref name="lab"/>.</summary>
    /// <param name="lab">The lab; its optional capabilities are found with type tests.</param>
    /// <param name="options">Commands, waits, PDU settings, primary locator; default <see cref="FaultCatalogOptions"/>'s defaults.</param>
    public FaultCatalog(ILab lab, FaultCatalogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lab);
        _lab = lab;
        _o = options ?? new FaultCatalogOptions();
        _pdus = new PduConnector(lab, _o);
        _shell = new NodeShell(lab, _o);
        PrimaryLocator = _o.PrimaryLocator ?? Primary.PrimaryLocator.FromLabState(lab, _o.Time);
    }

    /// <summary>The lab the faults are built for.</summary>
    public ILab Lab => _lab;

        /// <summary>Who holds the Heartbeat resources (<see cref="FaultCatalogOptions.PrimaryLocator"/>, default <see cref="Primary.PrimaryLocator.FromLabState"/>).</summary>
    public IPrimaryLocator PrimaryLocator { get; }

    private LabInventory Inventory => _lab.Inventory;

    /// <summary>"power off otter": switch off every PDU outlet feeding the node (both supplies); heal = switch them on.</summary>
    /// <param name="node">A node of the inventory.</param>
    /// <exception cref="FaultRefusedException">No such node, or no PDU outlet feeds it.</exception>
    public IFault PowerOffNode(string node)
    {
        var name = $"power off {node}";
        RequireNode(name, node);
        return Power(name, FaultTarget.Node(node), new FaultDescriptor(FaultKinds.PowerOffNode, new Dictionary<string, string> { ["node"] = node }));
    }

    /// <summary>"power off switch switch-a": switch off the outlets feeding a (storage) switch; heal = switch them on.</summary>
    /// <param name="switchName">A switch of the inventory.</param>
    /// <exception cref="FaultRefusedException">No such switch, or no PDU outlet feeds it.</exception>
    public IFault PowerOffSwitch(string switchName)
    {
        var name = $"power off switch {switchName}";
        if (Inventory.Switches.All(s => s.Name != switchName))
            throw Refused(name, $"The lab {Inventory.Name} has no switch '{switchName}'.",
                $"Use one of: {Names(Inventory.Switches.Select(s => s.Name))} (switches: in {Inventory.SourcePath}).");
        return Power(name, FaultTarget.Switch(switchName),
            new FaultDescriptor(FaultKinds.PowerOffSwitch, new Dictionary<string, string> { ["switch"] = switchName }));
    }

    /// <summary>"cut otter eth1": cut the cable of one node interface; heal = restore it.</summary>
    /// <param name="node">A node of the inventory.</param>
    /// <param name="nic">One of its interfaces.</param>
    /// <exception cref="FaultRefusedException">Undeclared node or interface, or the lab cannot cut cables.</exception>
    public IFault CutCable(string node, string nic) => Cut($"cut {node} {nic}", node, nic);

    /// <summary>
    /// "cut the eth1 crossover": cut the replication crossover cable between the storage nodes. It is cut at one end,
    /// the first storage node's interface on the replication network: a crossover is one piece of copper, so a cut at
    /// either end silences both directions, and one cut has one heal (cutting both ends doubles the actions and the ways
    /// to be left half healed, for no difference the nodes can see). Its descriptor is that of <see cref="CutCable"/> for
    /// that interface, so the two cannot be active together.
    /// </summary>
    /// <exception cref="FaultRefusedException">No replication network, or the lab cannot cut cables.</exception>
    public IFault CutCrossover()
    {
        var net = Inventory.Networks.FirstOrDefault(n => n.Purpose == NetworkPurpose.Replication);
        var end = net is null ? null : Inventory.StorageNodes.Where(n => n.InterfaceOn(net.Name) is not null).FirstOrDefault();
        if (end?.InterfaceOn(net!.Name) is not { } nic)
            throw Refused("cut the crossover", $"The lab {Inventory.Name} declares no storage node interface on a replication network, so it has no crossover cable.",
                $"Declare the replication network and the storage nodes' interfaces on it in {Inventory.SourcePath}.");
        return Cut($"cut the {nic.Name} crossover (at {end.Name})", end.Name, nic.Name);
    }

    /// <summary>"pull the serial cable": pull the null-modem cable between the storage nodes; heal = plug it back.</summary>
    /// <exception cref="FaultRefusedException">No serial cable declared, or the lab has no serial relay.</exception>
    public IFault PullSerialCable()
    {
        const string name = "pull the serial cable";
        if (Inventory.Serial is not { } cable)
            throw Refused(name, $"The lab {Inventory.Name} declares no serial cable.",
                $"Declare it in {Inventory.SourcePath} (`serial: between: [otter, weasel]`), or drill a lab that has one.", "a serial cable");
        if (_lab is ISerialCableControl serial) return new SerialCableFault(cable.Ends[0], cable.Ends[1], serial);
        // A rack: the cable runs through a relay powered from a PDU outlet (`outlets: { 7: serial }`); off = pulled.
        if (PduOutlet.Feeding(Inventory, SerialCableSpec.RelayDevice).Count > 0)
            return Power(name, FaultTarget.SerialCable(cable.Ends[0], cable.Ends[1]),
                new FaultDescriptor(FaultKinds.PullSerialCable, new Dictionary<string, string>()), relayDevice: SerialCableSpec.RelayDevice);
        throw Refused(name, $"Lab {Inventory.Name} cannot pull the serial cable: the cable runs through no relay the lab controls.",
            $"Put the null-modem cable between {string.Join(" and ", cable.Ends)} through a relay powered from a PDU outlet and declare it " +
            $"(`outlets: {{ <number>: {SerialCableSpec.RelayDevice} }}` under the PDU in {Inventory.SourcePath}), or pull the cable by hand.",
            nameof(ISerialCableControl));
    }

    /// <summary>
    /// "kill the primary": at injection, find the storage node holding the Heartbeat resources
    /// (<see cref="PrimaryLocator"/>) and power it off through all its outlets; heal = power it on again. The node chosen
    /// is reported in the history (fact <c>node</c>) and kept in the journal.
    /// </summary>
    /// <exception cref="FaultRefusedException">A storage node has no PDU outlet.</exception>
    public IFault KillPrimary() => KillPrimary(node: null, rebuilt: false);

    /// <summary>"kill heartbeat on otter": kill -9 heartbeat's master process; heal = start heartbeat if it is not running.</summary>
    /// <param name="node">A storage node.</param>
    /// <exception cref="FaultRefusedException">Not a storage node.</exception>
    public IFault KillHeartbeat(string node)
    {
        RequireStorage($"kill heartbeat on {node}", node, "heartbeat");
        return new HeartbeatKillFault(node, _shell);
    }

    /// <summary>
    /// "stop the iSCSI target on otter": LIO — disable the target portal group through configfs; tgt — stop tgtd.
    /// Heal = enable it again (LIO: only if it still exists there) or start tgtd if it is not running. The
    /// implementation and IQN come from the inventory's <c>sut: iscsi_target</c>.
    /// </summary>
    /// <param name="node">A storage node.</param>
    /// <exception cref="FaultRefusedException">Not a storage node, or an implementation SanChaos cannot stop.</exception>
    public IFault StopTarget(string node)
    {
        var name = $"stop the iSCSI target on {node}";
        RequireStorage(name, node, "the iSCSI target");
        var t = Inventory.Sut.Target;
        return StopTarget(name, node, t.Implementation, t.Iqn);
    }

    /// <summary>"degrade otter eth2 (delay 200 ms, loss 5 %)": degrade one node interface's link; heal = make it clean.</summary>
    /// <param name="node">A node of the inventory.</param>
    /// <param name="nic">One of its interfaces.</param>
    /// <param name="degradation">Delay, jitter and loss (use zero for none).</param>
    /// <exception cref="FaultRefusedException">Undeclared node or interface, or the lab cannot shape links.</exception>
    public IFault DegradeLink(string node, string nic, LinkDegradation degradation)
    {
        ArgumentNullException.ThrowIfNull(degradation);
        var name = $"degrade {node} {nic}";
        RequireInterface(name, node, nic);
        if (degradation.Delay < TimeSpan.Zero || degradation.Jitter < TimeSpan.Zero || degradation.LossPercent is < 0 or > 100 || double.IsNaN(degradation.LossPercent))
            throw new ArgumentOutOfRangeException(nameof(degradation), degradation, "Delay and jitter must not be negative and loss must be 0–100 %.");
        if (_lab is not ILinkShaping shaping)
            throw Refused(name, $"Lab {Inventory.Name} cannot degrade links: it has no link shaping (the lab does not implement ILinkShaping).",
                $"Degrade the link by hand (`tc qdisc add dev {nic} root netem {degradation.NetemArguments()}` on {node}), or drill the embedded lab.",
                nameof(ILinkShaping));
        return new LinkDegradationFault(node, nic, degradation, shaping);
    }

    /// <summary>
    /// "set multipath no_path_retry queue on badger": change one multipath option of a client for a drill (the SAN's
    /// tuning as a drill parameter); heal = the provisioned multipath.conf back. Keys are those the provisioned file sets
    /// in its overrides section (no_path_retry, path_checker, failback, rr_min_io_rq...).
    /// </summary>
    /// <param name="node">A client node.</param>
    /// <param name="key">The multipath.conf key.</param>
    /// <param name="value">Its value (e.g. <c>queue</c>, <c>fail</c>, <c>8</c>).</param>
    /// <exception cref="FaultRefusedException">Not a client, or a key or value that is not one word.</exception>
    public IFault SetMultipath(string node, string key, string value)
    {
        var name = $"set multipath {key} {value}";
        RequireClient(name, node);
        if (!OneWord().IsMatch(key) || !OneValue().IsMatch(value))
            throw Refused(name, $"`{key} {value}` is not a multipath.conf key and one-word value.", "write e.g. `no_path_retry queue` or `no_path_retry 8`.");
        var conf = _shell.Commands.MultipathConf;
        return new SettingFault(name, new(FaultKinds.MultipathSetting, new Dictionary<string, string> { ["node"] = node, ["key"] = key, ["value"] = value }), node,
            new(NodeFaultCommands.Fill(_shell.Commands.MultipathSet, new Dictionary<string, string> { ["conf"] = conf, ["key"] = key, ["value"] = value }),
                $"Check {conf} on {node}: it needs an overrides section (the provisioned file has one)."),
            new(NodeFaultCommands.Fill(_shell.Commands.MultipathRestore, new Dictionary<string, string> { ["conf"] = conf }),
                $"Restore {conf} on {node} from {conf}.sanchaos-orig by hand, then `multipathd reconfigure`."),
            _shell);
    }

    /// <summary>
    /// "set open-iscsi replacement_timeout 120 on badger": the client's node records and running sessions
    /// (<c>recovery_tmo</c>) get the new value; heal = the saved values back. multipathd overwrites a session's
    /// recovery_tmo with its fast_io_fail_tmo whenever it (re)configures a path, so turn that off first
    /// (<see cref="SetMultipath"/> <c>fast_io_fail_tmo off</c>) for the value to hold.
    /// </summary>
    /// <param name="node">A client node.</param>
    /// <param name="timeout">Whole seconds, 1 or more.</param>
    /// <exception cref="FaultRefusedException">Not a client, or not a whole number of seconds.</exception>
    public IFault SetReplacementTimeout(string node, TimeSpan timeout)
    {
        var name = $"set open-iscsi replacement_timeout {timeout.TotalSeconds:0.###} s";
        RequireClient(name, node);
        if (timeout < TimeSpan.FromSeconds(1) || timeout.Ticks % TimeSpan.TicksPerSecond != 0)
            throw Refused(name, $"replacement_timeout is a whole number of seconds, 1 or more; got {timeout.TotalSeconds:0.###} s.", "write e.g. `120 s`.");
        var seconds = ((long)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var saved = _shell.Commands.IscsiReplacementSaved;
        return new SettingFault(name, new(FaultKinds.IscsiReplacementTimeout, new Dictionary<string, string> { ["node"] = node, ["seconds"] = seconds }), node,
            new(NodeFaultCommands.Fill(_shell.Commands.IscsiReplacementSet, new Dictionary<string, string> { ["saved"] = saved, ["value"] = seconds }),
                $"Check `iscsiadm -m node` and /sys/class/iscsi_session on {node}."),
            new(NodeFaultCommands.Fill(_shell.Commands.IscsiReplacementRestore, new Dictionary<string, string> { ["saved"] = saved }),
                $"Put the values listed in {saved} on {node} back by hand (`iscsiadm -m node -o update -n node.session.timeo.replacement_timeout -v N`, sysfs recovery_tmo), then remove it."),
            _shell);
    }

    /// <summary>
    /// "set DRBD net protocol A on otter": one option of the SAN's DRBD resource on a storage node, applied online with
    /// <c>drbdadm adjust</c>; heal = the provisioned resource file back and adjusted. Set it on both storage nodes. Its heal
    /// in <see cref="FaultSet.HealAllAsync"/> holds DRBD on the other storage node while this one boots, should it be off,
    /// and settles the pair (adjusted and reconnected) after every heal (<see cref="INodeSetting"/>).
    /// </summary>
    /// <param name="node">A storage node.</param>
    /// <param name="section">The resource's section: <c>net</c>, <c>disk</c> or <c>startup</c>.</param>
    /// <param name="key">The option (e.g. <c>protocol</c>).</param>
    /// <param name="value">Its value, one word (e.g. <c>A</c>).</param>
    /// <exception cref="FaultRefusedException">Not a storage node, another section, or not one word.</exception>
    public IFault SetDrbd(string node, string section, string key, string value)
    {
        var name = $"set DRBD {section} {key} {value}";
        RequireStorage(name, node, "DRBD");
        if (section is not ("net" or "disk" or "startup"))
            throw Refused(name, $"`{section}` is not a DRBD resource section SanChaos sets.", "use net, disk or startup (e.g. `net protocol A`).");
        if (!OneWordOrDash().IsMatch(key) || !OneValue().IsMatch(value))
            throw Refused(name, $"`{key} {value}` is not a DRBD option and one-word value.", "write e.g. `protocol A`.");
        var resource = Inventory.Sut.Drbd.Resource;
        var file = NodeFaultCommands.Fill(_shell.Commands.DrbdResourceFile, new Dictionary<string, string> { ["resource"] = resource }, quote: false);
        return new SettingFault(name, new(FaultKinds.DrbdSetting, new Dictionary<string, string> { ["node"] = node, ["section"] = section, ["key"] = key, ["value"] = value }), node,
            new(NodeFaultCommands.Fill(_shell.Commands.DrbdSet, new Dictionary<string, string>
                { ["file"] = file, ["resource"] = resource, ["section"] = section, ["key"] = key, ["value"] = value }),
                $"Check {file} on {node}: `drbdadm adjust {resource}` must accept `{key} {value};` in its {section} section."),
            new(NodeFaultCommands.Fill(_shell.Commands.DrbdRestore, new Dictionary<string, string> { ["file"] = file, ["resource"] = resource }),
                $"Put {file}.sanchaos-orig back over {file} on {node} by hand, then `drbdadm adjust {resource}`."),
            _shell, DrbdHold(resource));
    }

    /// <summary>DRBD replication between the storage nodes, held and settled around the heals of DRBD settings.</summary>
    private DrbdHold DrbdHold(string resource) => new(resource, Inventory.StorageNodes.Select(n => n.Name).ToArray(), _shell, _o);

    /// <summary>
    /// "set DRBD fencing resource-only": DRBD's fencing policy on both storage nodes, with DRBD's packaged ssh fence-peer
    /// handler over the management network (Debian 12 ships no dopd, Heartbeat's peer outdater); <c>dont-care</c> is the
    /// seeds' (no fencing, no handler). Heal = the provisioned resource file back, the handler's key trust removed.
    /// </summary>
    /// <param name="policy"><c>dont-care</c> or <c>resource-only</c>.</param>
    /// <exception cref="FaultRefusedException">Another policy (resource-and-stonith needs STONITH, which this SAN has not got), or not two storage nodes.</exception>
    public IFault SetDrbdFencing(string policy)
    {
        var name = $"set DRBD fencing {policy}";
        if (policy is not ("dont-care" or "resource-only"))
            throw Refused(name, $"`{policy}` is not a fencing policy SanChaos can set on this SAN.",
                "use dont-care (the seeds') or resource-only; resource-and-stonith needs a STONITH device, which the seeds' SAN has not got.");
        if (Inventory.StorageNodes.Count != 2)
            throw Refused(name, $"Lab {Inventory.Name} has {Inventory.StorageNodes.Count} storage nodes; DRBD fencing here is between two.", "drill a two-node SAN.");
        return new DrbdFencingFault(policy, Inventory.Sut.Drbd.Resource,
            Inventory.StorageNodes.Select(n => (n.Name, n.Management.ToString())).ToArray(), _shell, DrbdHold(Inventory.Sut.Drbd.Resource));
    }

    /// <summary>
    /// Rebuilds a fault from its descriptor (a <see cref="FaultJournal"/> entry) so that it can be healed by a process
    /// that did not inject it: pass this method to <see cref="FaultJournal.HealLeftoversAsync"/>.
    /// </summary>
    /// <param name="descriptor">A descriptor of one of the <see cref="FaultKinds"/>.</param>
    /// <exception cref="SanChaosException">Unknown kind or missing parameter.</exception>
    /// <exception cref="FaultRefusedException">The lab no longer declares the target, or lacks the capability.</exception>
    public IFault Rebuild(FaultDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var d = descriptor;
        return d.Kind switch
        {
            FaultKinds.PowerOffNode => PowerOffNode(d.Require("node")),
            FaultKinds.PowerOffSwitch => PowerOffSwitch(d.Require("switch")),
            FaultKinds.CutCable => CutCable(d.Require("node"), d.Require("nic")),
            FaultKinds.PullSerialCable => PullSerialCable(),
            FaultKinds.KillPrimary => KillPrimary(d.Get("node"), rebuilt: true),
            FaultKinds.KillHeartbeat => KillHeartbeat(d.Require("node")),
            FaultKinds.MultipathSetting => SetMultipath(d.Require("node"), d.Require("key"), d.Require("value")),
            FaultKinds.IscsiReplacementTimeout => SetReplacementTimeout(d.Require("node"), TimeSpan.FromSeconds(Number(d, "seconds"))),
            FaultKinds.DrbdSetting => SetDrbd(d.Require("node"), d.Require("section"), d.Require("key"), d.Require("value")),
            FaultKinds.DrbdFencing => SetDrbdFencing(d.Require("policy")),
            FaultKinds.StopTarget => RebuildStopTarget(d),
            FaultKinds.DegradeLink => DegradeLink(d.Require("node"), d.Require("nic"), new LinkDegradation(
                TimeSpan.FromMilliseconds(Number(d, "delay_ms")), TimeSpan.FromMilliseconds(Number(d, "jitter_ms")), Number(d, "loss_percent"))),
            _ => throw new SanChaosException($"The fault descriptor {d} has the kind '{d.Kind}', which this SanChaos does not know.",
                $"Heal it by hand, or with the SanChaos version that injected it. Known kinds: {string.Join(", ", KnownKinds)}."),
        };
    }

    private static readonly string[] KnownKinds =
    [
        FaultKinds.PowerOffNode, FaultKinds.PowerOffSwitch, FaultKinds.CutCable, FaultKinds.PullSerialCable,
        FaultKinds.KillPrimary, FaultKinds.KillHeartbeat, FaultKinds.StopTarget, FaultKinds.DegradeLink,
        FaultKinds.MultipathSetting, FaultKinds.IscsiReplacementTimeout, FaultKinds.DrbdSetting, FaultKinds.DrbdFencing,
    ];

    private IFault RebuildStopTarget(FaultDescriptor d)
    {
        var node = d.Require("node");
        var name = $"stop the iSCSI target on {node}";
        RequireStorage(name, node, "the iSCSI target");
        return StopTarget(name, node, d.Require("implementation"), d.Require("iqn"));
    }

    private IFault StopTarget(string name, string node, string implementation, string iqn)
    {
        if (implementation is not ("lio" or "tgt"))
            throw Refused(name, $"The lab {Inventory.Name} runs the iSCSI target '{implementation}', which SanChaos cannot stop (it knows lio and tgt).",
                $"Set `sut: iscsi_target: implementation:` to lio or tgt in {Inventory.SourcePath}.");
        return new TargetStopFault(node, implementation, iqn, _shell);
    }

    private static double Number(FaultDescriptor d, string name)
    {
        var text = d.Require(name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new SanChaosException($"The fault descriptor {d} has {name}='{text}', which is not a number.", "Heal the link by hand, then remove the journal entry.");
    }

    private IFault KillPrimary(string? node, bool rebuilt)
    {
        const string name = "kill the primary";
        var storage = Inventory.StorageNodes.Select(n => n.Name).ToArray();
        if (storage.Length == 0)
            throw Refused(name, $"The lab {Inventory.Name} has no storage nodes.", $"Declare the two storage nodes in {Inventory.SourcePath}.");
        if (node is not null && !storage.Contains(node))
            throw Refused(name, $"The journaled primary '{node}' is not a storage node of lab {Inventory.Name} ({string.Join(", ", storage)}).",
                $"Power it on by hand, then remove the entry from the fault journal.");
        var power = storage.ToDictionary(n => n, n => (PowerFault)Power($"power off {n}", FaultTarget.Node(n),
            new FaultDescriptor(FaultKinds.PowerOffNode, new Dictionary<string, string> { ["node"] = n }), name));
        return new KillPrimaryFault(PrimaryLocator, n => power[n], storage, node, healAllWhenUnknown: rebuilt);
    }

    private IFault Cut(string name, string node, string nic)
    {
        RequireInterface(name, node, nic);
        if (_lab is not ICableControl cables)
            throw Refused(name, $"Lab {Inventory.Name} cannot cut cables: it has no cable control (the lab does not implement ICableControl).",
                $"Unplug {node} {nic} by hand (or shut its switch port), or drill the embedded or Vagrant lab.", nameof(ICableControl));
        return new CableCutFault(name, node, nic, cables, _o.Time);
    }

    private IFault Power(string name, FaultTarget device, FaultDescriptor descriptor, string? forFault = null, string? relayDevice = null)
    {
        var outlets = PduOutlet.Feeding(Inventory, relayDevice ?? device.Device);
        if (outlets.Count == 0)
            throw Refused(forFault ?? name,
                $"Lab {Inventory.Name} cannot power off {device.Device}: no PDU outlet in {Inventory.SourcePath} feeds it.",
                $"Add its outlet(s) under `pdus: <pdu>: outlets:` (`<number>: {device.Device}`; two for a dual-supply device), or switch it off by hand.",
                $"a PDU outlet feeding {device.Device}");
        foreach (var pdu in outlets.Select(o => o.Pdu).DistinctBy(p => p.Name))
            if (_lab is not IPduEndpoints && pdu.Address == "embedded")
                throw Refused(forFault ?? name,
                    $"Lab {Inventory.Name} cannot power off {device.Device}: PDU {pdu.Name} has `address: embedded` ({pdu.Location}) but this lab runs no PDU (it does not implement IPduEndpoints).",
                    $"Write the PDU's real address in {Inventory.SourcePath}, or drill the embedded or Vagrant lab.", nameof(IPduEndpoints));
        return new PowerFault(name, descriptor, device, outlets, _pdus, _o);
    }

    private void RequireNode(string name, string node)
    {
        if (Inventory.Nodes.All(n => n.Name != node))
            throw Refused(name, $"The lab {Inventory.Name} has no node '{node}'.",
                $"Use one of: {Names(Inventory.Nodes.Select(n => n.Name))} (nodes: in {Inventory.SourcePath}).");
    }

    private void RequireStorage(string name, string node, string what)
    {
        RequireNode(name, node);
        if (Inventory.Node(node).Role != NodeRole.Storage)
            throw Refused(name, $"{node} is a {Inventory.Node(node).Role.ToString().ToLowerInvariant()} node; {what} runs on the storage nodes.",
                $"Use one of: {Names(Inventory.StorageNodes.Select(n => n.Name))}.");
    }

    private void RequireClient(string name, string node)
    {
        RequireNode(name, node);
        if (Inventory.Node(node).Role != NodeRole.Client)
            throw Refused(name, $"{node} is not a client of lab {Inventory.Name}.", $"Use one of: {Names(Inventory.Clients.Select(c => c.Name))}.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_]+$")]
    private static partial System.Text.RegularExpressions.Regex OneWord();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z_-]*$")]
    private static partial System.Text.RegularExpressions.Regex OneWordOrDash();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial System.Text.RegularExpressions.Regex OneValue();

    private void RequireInterface(string name, string node, string nic)
    {
        RequireNode(name, node);
        var spec = Inventory.Node(node);
        if (spec.Interfaces.All(i => i.Name != nic))
            throw Refused(name, $"{node} has no interface '{nic}' in {Inventory.SourcePath} ({spec.Location}).",
                $"Use one of: {Names(spec.Interfaces.Select(i => $"{i.Name} ({i.Network})"))}.");
    }

    private static FaultRefusedException Refused(string name, string message, string remedy, string? missingCapability = null) =>
        new(name, message, remedy, missingCapability);

    private static string Names(IEnumerable<string> names)
    {
        var s = string.Join(", ", names);
        return s.Length == 0 ? "(none declared)" : s;
    }
}
