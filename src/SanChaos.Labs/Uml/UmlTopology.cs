using System.Net;
using System.Text.RegularExpressions;
using SanChaos.Core.Errors;

namespace SanChaos.Labs.Uml;

/// <summary>
/// The embedded lab described plainly, independent of the inventory YAML: which bridges (switches and cables),
/// which nodes with which NICs, disks and serial cable, and how the harness reaches them. Everything it names
/// lives inside one network namespace, <see cref="Namespace"/>; nothing of it appears in the host's own.
/// </summary>
/// <param name="RunId">Labels everything the lab creates (namespace, run directory, state file). Lower-case
/// letters, digits and '-', 1 to 24 characters.</param>
/// <param name="Bridges">The Ethernet segments; each node interface is cabled to one of them.</param>
/// <param name="Nodes">The nodes.</param>
/// <param name="ManagementBridge">The bridge that carries the harness's own address (SSH to the nodes).</param>
/// <param name="HarnessAddress">The harness's IPv4 address with prefix on <paramref name="ManagementBridge"/>, inside
/// the namespace (e.g. <c>172.16.1.254/24</c>).</param>
/// <param name="SshPublicKey">The public key (one <c>authorized_keys</c> line) root accepts on every node.</param>
/// <param name="Serial">The null-modem cable, or null for none.</param>
public sealed record UmlTopology(
    string RunId,
    IReadOnlyList<UmlBridge> Bridges,
    IReadOnlyList<UmlNodeSpec> Nodes,
    string ManagementBridge,
    string HarnessAddress,
    string SshPublicKey,
    UmlSerialCable? Serial = null)
{
    /// <summary>
    /// The host device of bridge (network) <paramref name="bridge"/> inside <see cref="Namespace"/>, where a packet capture
    /// listens to that network. Throws naming the known bridges when there is none by that name.
    /// </summary>
    public string BridgeDevice(string bridge)
    {
        if (!Bridges.Any(b => b.Name == bridge))
            throw new Core.Errors.SanChaosException($"The embedded lab (run {RunId}) has no bridge '{bridge}'.",
                $"use one of: {string.Join(", ", Bridges.Select(b => b.Name))}.");
        return new UmlFabric(this).BridgeDevice(bridge);
    }

    /// <summary>Where each bridge (network) is seen from this machine: its device inside <see cref="Namespace"/>.</summary>
    public IReadOnlyList<Capabilities.CaptureSite> CaptureSites() =>
        Bridges.Select(b => new Capabilities.CaptureSite(b.Name, Namespace, BridgeDevice(b.Name))).ToArray();

    /// <summary>Every node interface of the topology, by MAC.</summary>
    public IReadOnlyList<Capabilities.InterfaceOwner> InterfaceOwners() =>
        Nodes.SelectMany(n => n.Interfaces.Select(i => new Capabilities.InterfaceOwner(i.Mac, n.Name, i.GuestName))).ToArray();

    /// <summary>Prefix of every network namespace an embedded lab creates; the reaper looks for it.</summary>
    public const string NamespacePrefix = "sanchaos-";

    /// <summary>Prefix of the namespaces SanChaos's own tests create (capture tests): never a lab's, never reaped.</summary>
    public const string TestNamespacePrefix = "sanchaos-test-";

    private static readonly Regex RunIdPattern = new("^[a-z0-9][a-z0-9-]{0,23}$", RegexOptions.CultureInvariant);
    private static readonly Regex NamePattern = new("^[a-z0-9][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant);
    private static readonly Regex GuestIfPattern = new("^[a-z][a-z0-9]{0,14}$", RegexOptions.CultureInvariant);
    private static readonly Regex MacPattern = new("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$", RegexOptions.CultureInvariant);

    /// <summary>The lab's network namespace: <c>sanchaos-&lt;run id&gt;</c>.</summary>
    public string Namespace => NamespacePrefix + RunId;

    /// <summary>The node called <paramref name="name"/>; throws naming the known nodes if there is none.</summary>
    public UmlNodeSpec Node(string name) => Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new SanChaosException($"The embedded lab (run {RunId}) has no node '{name}'.",
            $"use one of: {string.Join(", ", Nodes.Select(n => n.Name))}.");

    /// <summary>The address (without prefix) the harness reaches <paramref name="node"/> on: its first interface on
    /// <see cref="ManagementBridge"/> that has an address.</summary>
    public IPAddress ManagementAddressOf(string node)
    {
        var spec = Node(node);
        var nic = spec.Interfaces.FirstOrDefault(i => i.Bridge == ManagementBridge && i.Address is not null)
            ?? throw new SanChaosException($"Node {node} has no address on the management bridge '{ManagementBridge}'.",
                "give one of its interfaces an address on that bridge.");
        return IPAddress.Parse(nic.Address!.Split('/')[0]);
    }

    /// <summary>
    /// The seeds' SAN (otter and weasel storage nodes, badger client) as an embedded lab: bridges management
    /// (switch <c>mgmt-switch</c>), replication (the eth1 crossover cable, no switch), storage-a (<c>switch-a</c>) and
    /// storage-b (<c>switch-b</c>); otter 172.16.1.1 / 10.0.0.1 / 192.168.1.2 / 192.168.2.2, weasel .2 / .2 / .3 / .3,
    /// badger 172.16.1.10 / 192.168.1.10 / 192.168.2.10; 192 MiB per storage node with a 256 MiB DRBD disk,
    /// 160 MiB for badger; the serial cable otter–weasel on <c>/dev/ttyS1</c>; the harness at 172.16.1.254/24.
    /// MACs match <c>lab/embedded.yaml</c>.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="sshPublicKey">The key root accepts.</param>
    public static UmlTopology SeedSan(string runId, string sshPublicKey) => new(
        runId,
        [new("management", "mgmt-switch"), new("replication"), new("storage-a", "switch-a"), new("storage-b", "switch-b")],
        [
            new("otter", 192,
            [
                new("eth0", "52:54:00:01:00:01", "management", "172.16.1.1/24"),
                new("eth1", "52:54:00:01:01:01", "replication", "10.0.0.1/24"),
                new("eth2", "52:54:00:01:02:01", "storage-a", "192.168.1.2/24"),
                new("eth3", "52:54:00:01:03:01", "storage-b", "192.168.2.2/24"),
            ], DataDiskMb: 256),
            new("weasel", 192,
            [
                new("eth0", "52:54:00:02:00:01", "management", "172.16.1.2/24"),
                new("eth1", "52:54:00:02:01:01", "replication", "10.0.0.2/24"),
                new("eth2", "52:54:00:02:02:01", "storage-a", "192.168.1.3/24"),
                new("eth3", "52:54:00:02:03:01", "storage-b", "192.168.2.3/24"),
            ], DataDiskMb: 256),
            new("badger", 160,
            [
                new("eth0", "52:54:00:03:00:01", "management", "172.16.1.10/24"),
                new("eth1", "52:54:00:03:02:01", "storage-a", "192.168.1.10/24"),
                new("eth2", "52:54:00:03:03:01", "storage-b", "192.168.2.10/24"),
            ]),
        ],
        "management",
        "172.16.1.254/24",
        sshPublicKey,
        new UmlSerialCable("otter", "weasel"));

    /// <summary>
    /// Checks the whole description and throws one <see cref="SanChaosException"/> listing every problem
    /// (names, MACs, addresses, references between bridges, nodes and the cable).
    /// </summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!RunIdPattern.IsMatch(RunId ?? ""))
            problems.Add($"run id '{RunId}' must be 1-24 lower-case letters, digits or '-'");
        var bridges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in Bridges ?? [])
        {
            if (!NamePattern.IsMatch(b.Name ?? "")) problems.Add($"bridge name '{b.Name}' must be lower-case letters, digits or '-'");
            if (!bridges.Add(b.Name ?? "")) problems.Add($"bridge '{b.Name}' is declared twice");
        }

        var switches = (Bridges ?? []).Where(b => b.Switch is not null).GroupBy(b => b.Switch!);
        foreach (var g in switches.Where(g => g.Count() > 1))
            problems.Add($"switch '{g.Key}' is given to several bridges ({string.Join(", ", g.Select(b => b.Name))})");
        if (!bridges.Contains(ManagementBridge ?? "")) problems.Add($"management bridge '{ManagementBridge}' is not among the bridges");
        if (!TryCidr(HarnessAddress, out _)) problems.Add($"harness address '{HarnessAddress}' is not an IPv4 address with prefix (a.b.c.d/n)");
        if (string.IsNullOrWhiteSpace(SshPublicKey) || SshPublicKey.Trim().Contains('\n', StringComparison.Ordinal))
            problems.Add("the SSH public key must be one authorized_keys line");

        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var macs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in Nodes ?? [])
        {
            if (!NamePattern.IsMatch(n.Name ?? "")) problems.Add($"node name '{n.Name}' must be lower-case letters, digits or '-'");
            if (!nodes.Add(n.Name ?? "")) problems.Add($"node '{n.Name}' is declared twice");
            if (n.MemoryMb < 96) problems.Add($"node {n.Name}: memory {n.MemoryMb} MiB is too small (at least 96; systemd needs room)");
            if (n.DataDiskMb < 0) problems.Add($"node {n.Name}: data disk size {n.DataDiskMb} MiB is negative");
            if (n.Interfaces is null || n.Interfaces.Count == 0) problems.Add($"node {n.Name}: no interfaces");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var i in n.Interfaces ?? [])
            {
                var where = $"node {n.Name} {i.GuestName}";
                if (!GuestIfPattern.IsMatch(i.GuestName ?? "")) problems.Add($"{where}: '{i.GuestName}' is not an interface name");
                if (!names.Add(i.GuestName ?? "")) problems.Add($"{where}: declared twice");
                if (!MacPattern.IsMatch(i.Mac ?? "")) problems.Add($"{where}: MAC '{i.Mac}' is not xx:xx:xx:xx:xx:xx");
                else if ((Convert.ToByte(i.Mac![..2], 16) & 1) != 0) problems.Add($"{where}: MAC {i.Mac} is a multicast address");
                else if (!macs.Add(i.Mac!)) problems.Add($"{where}: MAC {i.Mac} is used twice");
                if (!bridges.Contains(i.Bridge ?? "")) problems.Add($"{where}: bridge '{i.Bridge}' is not declared");
                if (i.Address is not null && !TryCidr(i.Address, out _)) problems.Add($"{where}: '{i.Address}' is not an IPv4 address with prefix");
            }

            if ((n.Interfaces ?? []).All(i => i.Bridge != ManagementBridge || i.Address is null))
                problems.Add($"node {n.Name}: no address on the management bridge '{ManagementBridge}' (the harness could not reach it)");
        }

        foreach (var s in (Bridges ?? []).Select(b => b.Switch).OfType<string>())
            if (nodes.Contains(s)) problems.Add($"switch '{s}' has the name of a node (power outlets are addressed by name)");

        if (Serial is { } c)
        {
            if (!nodes.Contains(c.NodeA)) problems.Add($"serial cable: node '{c.NodeA}' is not declared");
            if (!nodes.Contains(c.NodeB)) problems.Add($"serial cable: node '{c.NodeB}' is not declared");
            if (c.NodeA == c.NodeB) problems.Add("serial cable: both ends are the same node");
            if (c.GuestLine is < 0 or > 63) problems.Add($"serial cable: line {c.GuestLine} is not a UML serial line (0-63)");
            if (c.Baud is < 300 or > 4_000_000) problems.Add($"serial cable: {c.Baud} baud is not a serial line speed (300 to 4000000)");
        }

        if (problems.Count > 0)
            throw new SanChaosException(
                $"The embedded lab topology (run {RunId}) is not valid:{Environment.NewLine}  - " +
                string.Join(Environment.NewLine + "  - ", problems),
                "fix the topology (or the inventory it was mapped from) and try again.");
    }

    private static bool TryCidr(string? text, out (IPAddress Address, int Prefix) cidr)
    {
        cidr = default;
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var a) ||
            a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork ||
            !int.TryParse(parts[1], out var p) || p is < 1 or > 32) return false;
        cidr = (a, p);
        return true;
    }
}
