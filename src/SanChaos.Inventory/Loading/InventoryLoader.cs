using System.Net;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using YamlDotNet.Core;

namespace SanChaos.Inventory.Loading;

/// <summary>
/// Reads and validates a lab inventory (<c>lab/*.yaml</c>). Every problem is reported at once, each with
/// file, line and column and what to write instead; see <see cref="InventoryException"/>.
/// </summary>
public static class InventoryLoader
{
    /// <summary>The environment variable naming the inventory a drill run uses.</summary>
    public const string EnvironmentVariable = "SANCHAOS_LAB";

    /// <summary>The inventory used when <see cref="EnvironmentVariable"/> is unset.</summary>
    public const string DefaultPath = "lab/embedded.yaml";

    private static readonly Dictionary<string, LabKind> Kinds = new()
    {
        ["embedded"] = LabKind.Embedded, ["vagrant"] = LabKind.Vagrant, ["hardware"] = LabKind.Hardware,
    };

    private static readonly Dictionary<string, NodeRole> Roles = new() { ["storage"] = NodeRole.Storage, ["client"] = NodeRole.Client };

    private static readonly Dictionary<string, NetworkPurpose> Purposes = new()
    {
        ["management"] = NetworkPurpose.Management, ["replication"] = NetworkPurpose.Replication,
        ["storage-a"] = NetworkPurpose.StorageA, ["storage-b"] = NetworkPurpose.StorageB,
    };

    private static readonly Dictionary<string, PduDriverKind> Drivers = new() { ["redfish"] = PduDriverKind.Redfish, ["apc-snmp"] = PduDriverKind.ApcSnmp };

    private static readonly Dictionary<string, VagrantProviderKind> Providers = new()
    {
        ["libvirt"] = VagrantProviderKind.Libvirt, ["virtualbox"] = VagrantProviderKind.VirtualBox,
    };

    /// <summary>
    /// Finds the inventory for a drill run: <c>$SANCHAOS_LAB</c>, else <see cref="DefaultPath"/>, relative
    /// paths resolved against <paramref name="repositoryRoot"/>.
    /// </summary>
    public static string ResolvePath(string repositoryRoot)
    {
        var p = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(p)) p = DefaultPath;
        return Path.GetFullPath(Path.IsPathRooted(p) ? p : Path.Combine(repositoryRoot, p));
    }

    /// <summary>The environment variable that picks another SUT build for one run (<see cref="SutBuild.Apply"/>).</summary>
    public const string BuildVariable = "SANCHAOS_BUILD";

    /// <summary>Loads and validates <paramref name="path"/>; throws <see cref="InventoryException"/> listing every error.</summary>
    public static LabInventory Load(string path) => Parse(path, ReadText(path));

    /// <summary>
    /// Loads <paramref name="path"/> for a run: the build override <paramref name="build"/> (or, when null,
    /// <c>$SANCHAOS_BUILD</c>) replaces the inventory's kernel, release or target.
    /// </summary>
    public static LabInventory LoadForRun(string path, string? build = null)
    {
        var inventory = Load(path);
        var source = build is null ? $"${BuildVariable}" : "--build";
        build ??= Environment.GetEnvironmentVariable(BuildVariable);
        return string.IsNullOrWhiteSpace(build) ? inventory : inventory with { Sut = inventory.Sut.WithBuild(build, source) };
    }

    /// <summary>
    /// The text of the inventory file <paramref name="path"/>; a <see cref="SanChaosException"/> naming the file and
    /// what to do when it is missing, a directory, or cannot be read.
    /// </summary>
    public static string ReadText(string path)
    {
        var choose = $"set {EnvironmentVariable} to an inventory file (see lab/hardware.example.yaml), or unset it to use {DefaultPath}.";
        if (Directory.Exists(path))
            throw new SanChaosException($"Lab inventory {path} is a directory, not a file.", choose);
        if (!File.Exists(path))
            throw new SanChaosException($"Lab inventory {path} does not exist.", choose);
        try
        {
            return File.ReadAllText(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SanChaosException($"Lab inventory {path} cannot be read: permission denied.",
                "make it readable by this user (`chmod a+r` it, or its folders), or run as a user who can read it.", e);
        }
        catch (IOException e)
        {
            throw new SanChaosException($"Lab inventory {path} cannot be read: {e.Message}", "check the file and the disk it is on, then try again.", e);
        }
    }

    /// <summary>Validates inventory text; <paramref name="file"/> names it in errors and anchors relative paths.</summary>
    public static LabInventory Parse(string file, string text)
    {
        var (inv, errors) = TryParse(file, text);
        if (errors.Count > 0 || inv is null) throw new InventoryException(file, errors);
        return inv;
    }

    /// <summary>Validates inventory text, returning the inventory (null if invalid) and every error found.</summary>
    public static (LabInventory? Inventory, IReadOnlyList<InventoryError> Errors) TryParse(string file, string text)
    {
        var sink = new ErrorSink();
        YNode? root;
        try
        {
            root = YamlTree.Parse(file, text);
        }
        catch (YamlException e)
        {
            sink.Add(new SourceLocation(file, e.Start.Line, e.Start.Column), $"YAML syntax error: {Inner(e)}",
                "Check indentation (spaces, not tabs) and that every `key: value` has a space after the colon.");
            return (null, sink.Errors);
        }

        var inv = new Reader(file, sink).Read(root);
        var sorted = sink.Errors.OrderBy(e => e.At.Line).ThenBy(e => e.At.Column).ToList();
        return (sorted.Count == 0 ? inv : null, sorted);
    }

    private static string Inner(YamlException e) => e.InnerException is YamlException i ? Inner(i) : e.Message.Split("): ", 2)[^1];

    private sealed class Reader(string file, ErrorSink sink)
    {
        private readonly SourceLocation _top = new(file, 1, 1);
        private readonly string _dir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        private readonly HashSet<string> _privateChecked = new(StringComparer.Ordinal);
        private string _name = "?";
        private LabKind _kind = LabKind.Embedded;

        public LabInventory? Read(YNode? root)
        {
            if (root is null)
            {
                sink.Add(_top, "The inventory is empty.", "Start from lab/embedded.yaml or lab/hardware.example.yaml.");
                return null;
            }

            var top = MapReader.Of(root, sink, "the inventory", _top);
            if (top is null) return null;

            var lab = top.Map("lab", required: true);
            var name = lab?.String("name", required: true, example: "rack2") ?? "?";
            var kind = lab?.Enum("kind", Kinds, required: true) ?? LabKind.Embedded;
            var disposable = lab?.Bool("disposable") ?? false;
            lab?.Done();
            (_name, _kind) = (name, kind);

            var switches = ReadSwitches(top.Map("switches", required: true));
            var networks = ReadNetworks(top.Map("networks", required: true));
            var ssh = ReadSsh(top.Map("ssh"));
            var nodes = ReadNodes(top.Map("nodes", required: true), kind, ssh);
            var serial = ReadSerial(top.Map("serial"));
            var pdus = ReadPdus(top.Node("pdus"), kind);
            var floating = ReadFloating(top.Sequence("floating_ips", required: true, example: "[{ address: 192.168.1.1/24, network: storage-a }]"));
            var sutMap = top.Map("sut");
            var sut = ReadSut(sutMap);
            var captures = ReadCaptures(top.Map("capture"));
            var vagrant = ReadVagrant(top, kind);
            top.Done();
            if (kind == LabKind.Hardware && !(sutMap?.Node("heartbeat") is YMapping hb && hb.Entries.Any(e => e.Key.Value == "auth_key")))
                RackRules.NoAuthKey(sink, sutMap?.LocationOf("heartbeat") ?? _top, name);

            var inv = new LabInventory(Path.GetFullPath(file), name, kind, disposable, nodes, networks, switches, serial, pdus, floating, sut)
            {
                Captures = captures,
                Vagrant = vagrant,
            };
            new CrossChecks(inv, sink, _top).Run();
            return inv;
        }

        private List<SwitchSpec> ReadSwitches(MapReader? m)
        {
            var list = new List<SwitchSpec>();
            if (m is null) return list;
            foreach (var (k, v) in m.Entries())
            {
                var s = v is YScalar { Value: "" } ? null : MapReader.Of(v, sink, $"switch '{k.Value}'", k.At);
                var model = s?.String("model") ?? "";
                s?.Done();
                list.Add(new SwitchSpec(k.Value, model, k.At));
            }

            return list;
        }

        private List<NetworkSpec> ReadNetworks(MapReader? m)
        {
            var list = new List<NetworkSpec>();
            if (m is null) return list;
            foreach (var (k, v) in m.Entries())
            {
                var n = MapReader.Of(v, sink, $"network '{k.Value}'", k.At);
                if (n is null) continue;
                var purpose = n.Enum("purpose", Purposes, required: true);
                var subnet = n.Cidr("subnet", required: true, example: "192.168.1.0/24");
                var sw = n.String("switch", example: "switch-a");
                n.Done();
                if (purpose is null || subnet is null) continue;
                list.Add(new NetworkSpec(k.Value, purpose.Value, subnet, sw, k.At));
            }

            return list;
        }

        private List<NodeSpec> ReadNodes(MapReader? m, LabKind kind, SshKeys sshDefaults)
        {
            var list = new List<NodeSpec>();
            if (m is null) return list;
            foreach (var (k, v) in m.Entries())
            {
                var what = $"node '{k.Value}'";
                var n = MapReader.Of(v, sink, what, k.At);
                if (n is null) continue;
                var role = n.Enum("role", Roles, required: true);
                var mgmt = n.Address("management");
                if (n.Node("management") is null)
                    sink.Add(k.At, $"Node '{k.Value}' has no management address; the harness reaches nodes over SSH on it.",
                        "Add `management: <address>` (its eth0 address on the management network).");
                var keys = ReadSsh(n.Map("ssh")).Over(sshDefaults);
                var ssh = new SshSpec(keys.User ?? "root", keys.Port ?? 22, PathOf(keys.Key),
                    keys.KnownHosts == SshSpec.NoKnownHosts ? null : PathOf(keys.KnownHosts), PathOf(keys.Config));
                if (kind == LabKind.Hardware)
                {
                    if (keys.KnownHosts is null)
                        RackRules.NoKnownHosts(sink, k.At, _name, k.Value, mgmt?.ToString() ?? "<its management address>", ssh.Port);
                    CheckPrivate(keys.KeyAt ?? k.At, $"The SSH key of node '{k.Value}'", ssh.KeyFile);
                }

                var ifaces = new List<InterfaceSpec>();
                var im = n.Map("interfaces", required: true);
                if (im is not null)
                {
                    foreach (var (ik, iv) in im.Entries())
                    {
                        var i = MapReader.Of(iv, sink, $"interface '{ik.Value}' of node '{k.Value}'", ik.At);
                        if (i is null) continue;
                        var net = i.String("network", required: true, example: "storage-a");
                        var addr = i.Cidr("address", required: true);
                        var mac = i.String("mac", example: "52:54:00:00:01:01");
                        if (mac is not null && !System.Text.RegularExpressions.Regex.IsMatch(mac, "^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$"))
                            sink.Add(i.LocationOf("mac"), $"'mac' of interface '{ik.Value}' is '{mac}', not a MAC address.", "Write six hex pairs: `52:54:00:00:01:01`.");
                        i.Done();
                        if (net is not null && addr is not null) ifaces.Add(new InterfaceSpec(ik.Value, net, addr, mac, ik.At));
                    }
                }

                var drbdDisk = n.String("drbd_disk", example: "/dev/sdb");
                var serialPort = n.String("serial_port", example: "/dev/ttyS0");
                var mem = n.Int("memory_mb", 64, 65536, example: "192");
                n.Done();
                if (role is null) continue;
                if (role == NodeRole.Storage && drbdDisk is null)
                    sink.Add(k.At, $"Storage node '{k.Value}' has no drbd_disk.", "Add `drbd_disk: <block device backing DRBD>` (the seeds use /dev/md3).");
                if (role == NodeRole.Client && (drbdDisk ?? serialPort) is not null)
                    sink.Add(k.At, $"Client node '{k.Value}' has drbd_disk or serial_port; only storage nodes have them.", "Remove them, or set `role: storage`.");
                list.Add(new NodeSpec(k.Value, role.Value, mgmt ?? IPAddress.None, ssh, ifaces, drbdDisk, serialPort,
                    mem ?? (role == NodeRole.Storage ? 192 : 160), k.At));
            }

            return list;
        }

        /// <summary>The keys of one <c>ssh:</c> mapping (a node's, or the top-level defaults for every node), as written.</summary>
        private sealed record SshKeys(string? User, int? Port, string? Key, SourceLocation? KeyAt, string? KnownHosts, string? Config)
        {
            public static SshKeys None { get; } = new(null, null, null, null, null, null);

            /// <summary>These keys, each one not written taken from <paramref name="defaults"/>.</summary>
            public SshKeys Over(SshKeys defaults) => new(User ?? defaults.User, Port ?? defaults.Port, Key ?? defaults.Key,
                Key is null ? defaults.KeyAt : KeyAt, KnownHosts ?? defaults.KnownHosts, Config ?? defaults.Config);
        }

        private SshKeys ReadSsh(MapReader? m)
        {
            if (m is null) return SshKeys.None;
            var keys = new SshKeys(
                m.String("user", example: "root"),
                m.Int("port", 1, 65535, example: "22"),
                m.String("key", example: "~/.ssh/id_ed25519"),
                m.Node("key")?.At,
                m.String("known_hosts", example: "~/.ssh/known_hosts"),
                m.String("config", example: "~/.ssh/config"));
            m.Done();
            return keys;
        }

        /// <summary>On a rack, a secret file group or others may read is an error (each file reported once).</summary>
        private void CheckPrivate(SourceLocation at, string what, string? path)
        {
            if (_kind == LabKind.Hardware && path is not null && _privateChecked.Add(path)) RackRules.PrivateFile(sink, at, what, path);
        }

        private string? PathOf(string? p)
        {
            if (p is null) return null;
            if (p.StartsWith("~/", StringComparison.Ordinal))
                p = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), p[2..]);
            return Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(_dir, p));
        }

        /// <summary><c>capture: { storage-a: { host: badger, interface: eth1 }, storage-b: { interface: enp5s0 } }</c>.</summary>
        private List<CaptureSpec> ReadCaptures(MapReader? m)
        {
            var list = new List<CaptureSpec>();
            if (m is null) return list;
            foreach (var (k, v) in m.Entries())
            {
                var c = MapReader.Of(v, sink, $"capture point '{k.Value}'", k.At);
                if (c is null) continue;
                var host = c.String("host", example: "badger");
                var iface = c.String("interface", required: true, example: "eth1");
                c.Done();
                if (iface is not null) list.Add(new CaptureSpec(k.Value, host, iface, k.At));
            }

            return list;
        }

        private SerialCableSpec? ReadSerial(MapReader? m)
        {
            if (m is null) return null;
            var between = m.Sequence("between", required: true, example: "[otter, weasel]");
            m.Done();
            if (between is null) return null;
            var ends = between.OfType<YScalar>().Select(s => s.Value).ToArray();
            if (ends.Length != 2 || between.Count != 2)
            {
                sink.Add(m.LocationOf("between"), "A serial null-modem cable joins exactly two nodes.", "Write `between: [otter, weasel]`.");
                return null;
            }

            return new SerialCableSpec(ends, m.At);
        }

        private List<PduSpec> ReadPdus(YNode? node, LabKind kind)
        {
            var list = new List<PduSpec>();
            if (node is null) return list;
            var m = MapReader.Of(node, sink, "'pdus'", _top);
            if (m is null) return list;
            foreach (var (k, v) in m.Entries())
            {
                var what = $"PDU '{k.Value}'";
                var p = MapReader.Of(v, sink, what, k.At);
                if (p is null) continue;
                var driver = p.Enum("driver", Drivers, required: true);
                var address = p.String("address", required: true, example: kind is LabKind.Embedded or LabKind.Vagrant ? "embedded" : "10.1.0.20:161");
                if (address == "embedded" && kind is not (LabKind.Embedded or LabKind.Vagrant))
                    sink.Add(p.LocationOf("address"), $"{what} has `address: embedded`, but only the embedded and Vagrant labs run a PDU of their own.",
                        "Write the PDU's real address (`host:port` or `https://host`).");
                var user = p.String("user") ?? "";
                var password = ReadSecret(p, "password", what);
                var outlets = new List<PduOutletSpec>();
                var om = p.Map("outlets", required: true, reportDuplicates: false);
                if (om is not null)
                {
                    foreach (var (ok, ov) in om.Entries())
                    {
                        if (!int.TryParse(ok.Value, out var num) || num < 1)
                        {
                            sink.Add(ok.At, $"Outlet '{ok.Value}' of {what} is not an outlet number.", "Write `<number>: <node or switch>`, e.g. `3: switch-a`.");
                            continue;
                        }

                        if (ov is not YScalar { Value.Length: > 0 } feeds)
                        {
                            sink.Add(ov.At, $"Outlet {num} of {what} must name one node or switch.", $"Write `{num}: otter`. A device with two power supplies takes two outlets.");
                            continue;
                        }

                        if (outlets.FirstOrDefault(o => o.Outlet == num) is { } first)
                        {
                            sink.Add(ok.At, $"Outlet {num} of {what} is fed twice: to '{first.Feeds}' (line {first.Location.Line}) and to '{feeds.Value}'.",
                                "An outlet powers one device: give one of them another outlet number.");
                            continue;
                        }

                        outlets.Add(new PduOutletSpec(num, feeds.Value, ok.At));
                    }
                }

                p.Done();
                // Keep checking the outlets even when another field is wrong (the inventory is rejected anyway).
                if (driver is not null && address is not null)
                    list.Add(new PduSpec(k.Value, driver.Value, address, user, password ?? new SecretRef("(invalid)", null), outlets, k.At));
            }

            return list;
        }

        private SecretRef? ReadSecret(MapReader p, string key, string what,
            string envExample = "SANCHAOS_PDU_PASSWORD", string fileExample = "/etc/sanchaos/pdu.secret")
        {
            var n = p.Node(key);
            if (n is null)
            {
                sink.Add(p.At, $"{what} has no '{key}'.", $"Add `{key}: {{ env: {envExample} }}` or `{key}: {{ file: {fileExample} }}`.");
                return null;
            }

            if (n is YScalar)
            {
                sink.Add(n.At, $"'{key}' of {what} is written inline; secrets never live in the inventory.",
                    $"Write `{key}: {{ env: {envExample} }}` and export the variable, or `{key}: {{ file: <path, mode 600> }}`.");
                return null;
            }

            var s = MapReader.Of(n, sink, $"'{key}' of {what}", p.At);
            if (s is null) return null;
            var env = s.String("env", example: envExample);
            var f = PathOf(s.String("file", example: fileExample));
            CheckPrivate(s.LocationOf("file"), $"The secret file of '{key}' of {what}", f);
            s.Done();
            if ((env is null) == (f is null))
            {
                sink.Add(n.At, $"'{key}' of {what} must name exactly one of env or file.", $"Write `{key}: {{ env: NAME }}` or `{key}: {{ file: PATH }}`.");
                return null;
            }

            return new SecretRef(env, f);
        }

        /// <summary>
        /// <c>chap: { user, password, mutual_user, mutual_password }</c> of <c>iscsi_target</c>: user names as plain values, secrets by
        /// reference; mutual CHAP needs both mutual keys.
        /// </summary>
        private IscsiChapConfig? ReadChap(MapReader? c)
        {
            if (c is null) return null;
            const string what = "'chap' of 'iscsi_target'";
            var user = ChapName(c, "user", required: true);
            var password = ReadSecret(c, "password", what, "SANCHAOS_CHAP_PASSWORD", "/etc/sanchaos/chap");
            var mutualUser = ChapName(c, "mutual_user", required: false);
            var hasMutualUser = c.Node("mutual_user") is not null;
            var hasMutualPassword = c.Node("mutual_password") is not null;
            var mutualPassword = hasMutualPassword
                ? ReadSecret(c, "mutual_password", what, "SANCHAOS_CHAP_MUTUAL_PASSWORD", "/etc/sanchaos/chap-mutual")
                : null;
            c.Done();
            if (hasMutualUser != hasMutualPassword)
                sink.Add(c.At, $"{what} has {(hasMutualPassword ? "mutual_password without mutual_user" : "mutual_user without mutual_password")}; mutual CHAP needs both.",
                    hasMutualPassword
                        ? "Add `mutual_user: <the name the target answers with>`, or remove mutual_password for one-way CHAP."
                        : "Add `mutual_password: { file: /etc/sanchaos/chap-mutual }` (mode 600), or remove mutual_user for one-way CHAP.");
            return user is null || password is null ? null : new IscsiChapConfig(user, password, mutualUser, mutualPassword, c.At);
        }

        /// <summary>A CHAP user name: written into tgt's and open-iscsi's configuration and a shell-sourced file, so one word of safe characters.</summary>
        private string? ChapName(MapReader c, string key, bool required)
        {
            var name = c.String(key, required, example: key == "user" ? "alice" : "otter-san");
            if (name is null || System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9._:@-]{1,255}$")) return name;
            sink.Add(c.LocationOf(key), $"'{key}' in 'chap' of 'iscsi_target' is '{name}', which is not a single word of letters, digits and . _ : @ -.",
                "Use such a name (it is written into tgt's and open-iscsi's configuration and a shell-sourced file), e.g. `user: alice`.");
            return null;
        }

        /// <summary>The <c>vagrant:</c> section: required for kind vagrant, refused for the others.</summary>
        private VagrantSpec? ReadVagrant(MapReader top, LabKind kind)
        {
            var node = top.Node("vagrant");
            if (node is null)
            {
                if (kind == LabKind.Vagrant)
                    sink.Add(_top, "A Vagrant lab has no `vagrant:` section.",
                        "Add `vagrant: { directory: ../vagrant, provider: libvirt }` (the Vagrantfile's directory and libvirt or virtualbox).");
                return null;
            }

            if (kind != LabKind.Vagrant)
            {
                sink.Add(node.At, $"This lab is of kind {kind.ToString().ToLowerInvariant()}; `vagrant:` belongs to `kind: vagrant` only.",
                    "Remove the `vagrant:` section, or write `lab: { kind: vagrant }`.");
                return null;
            }

            var m = MapReader.Of(node, sink, "'vagrant'", _top);
            if (m is null) return null;
            var directory = PathOf(m.String("directory", required: true, example: "../vagrant"));
            var provider = m.Enum("provider", Providers, required: true);
            var box = m.String("box", example: VagrantSpec.DefaultBox) ?? VagrantSpec.DefaultBox;
            var prefix = m.String("name_prefix", example: VagrantSpec.DefaultNamePrefix) ?? VagrantSpec.DefaultNamePrefix;
            if (!System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z][a-z0-9-]*$"))
                sink.Add(m.LocationOf("name_prefix"), $"'name_prefix' of 'vagrant' is '{prefix}'; it starts VM, domain and network names.",
                    $"Write lower-case letters, digits and '-', starting with a letter, e.g. `name_prefix: {VagrantSpec.DefaultNamePrefix}`.");
            var uri = m.String("libvirt_uri", example: VagrantSpec.DefaultLibvirtUri) ?? VagrantSpec.DefaultLibvirtUri;
            var ports = new Dictionary<string, int>(StringComparer.Ordinal);
            var pm = m.Map("serial_tcp_ports");
            if (pm is not null)
            {
                foreach (var (k, _) in pm.Entries())
                    if (pm.Int(k.Value, 1024, 65535, example: "47101") is { } port) ports[k.Value] = port;
            }

            var disk = m.Int("data_disk_gb", 1, 1024, example: "2") ?? 2;
            var cpus = m.Int("cpus", 1, 64, example: "1") ?? 1;
            m.Done();
            return directory is null || provider is null ? null : new VagrantSpec(directory, provider.Value, box, prefix, uri, ports, disk, cpus, node.At);
        }

        private List<FloatingIpSpec> ReadFloating(IReadOnlyList<YNode>? items)
        {
            var list = new List<FloatingIpSpec>();
            foreach (var item in items ?? [])
            {
                var f = MapReader.Of(item, sink, "a floating IP", item.At);
                if (f is null) continue;
                var addr = f.Cidr("address", required: true, example: "192.168.1.1/24");
                var net = f.String("network", required: true, example: "storage-a");
                f.Done();
                if (addr is not null && net is not null) list.Add(new FloatingIpSpec(addr, net, item.At));
            }

            return list;
        }

        private SutConfig ReadSut(MapReader? m)
        {
            var seeds = SutConfig.Seeds;
            if (m is null) return seeds;
            var hb = seeds.Heartbeat;
            var h = m.Map("heartbeat");
            if (h is not null)
            {
                SecretRef? authKey = null;
                if (h.Node("auth_key") is not null) authKey = ReadSecret(h, "auth_key", "'heartbeat'");
                hb = new HeartbeatConfig(
                    h.Duration("keepalive", example: "1 s") ?? hb.Keepalive,
                    h.Duration("deadtime", example: "10 s") ?? hb.Deadtime,
                    h.Duration("warntime", example: "5 s") ?? hb.Warntime,
                    h.Duration("initdead", example: "60 s") ?? hb.Initdead,
                    h.Int("udpport", 1, 65535, example: "694") ?? hb.UdpPort,
                    h.Int("baud", 300, 115200, example: "9600") ?? hb.Baud,
                    h.Bool("auto_failback") ?? hb.AutoFailback,
                    h.String("preferred_node", example: "weasel") ?? hb.PreferredNode,
                    h.Choice("auth_method", ["sha1", "md5", "crc"]) ?? hb.AuthMethod,
                    authKey,
                    h.Bool("serial") ?? hb.Serial,
                    h.Bool("bcast") ?? hb.Bcast);
                h.Done();
            }

            var db = seeds.Drbd;
            var d = m.Map("drbd");
            if (d is not null)
            {
                var proto = d.Enum("protocol", new Dictionary<string, char> { ["a"] = 'A', ["b"] = 'B', ["c"] = 'C' });
                db = new DrbdConfig(
                    d.String("resource", example: "r0") ?? db.Resource,
                    proto ?? db.Protocol,
                    d.Int("port", 1, 65535, example: "7788") ?? db.Port,
                    d.String("device", example: "/dev/drbd0") ?? db.Device,
                    d.String("sync_rate", example: "30M") ?? db.SyncRate,
                    d.String("volume_group", example: "storage") ?? db.VolumeGroup,
                    d.String("logical_volume", example: "test") ?? db.LogicalVolume,
                    d.String("logical_volume_size", example: "10G") ?? db.LogicalVolumeSize);
                d.Done();
            }

            var tg = seeds.Target;
            var t = m.Map("iscsi_target");
            if (t is not null)
            {
                tg = new IscsiTargetConfig(
                    t.Choice("implementation", IscsiTargetConfig.Implementations) ?? tg.Implementation,
                    t.String("iqn", example: "iqn.2009-02.com.example:test") ?? tg.Iqn,
                    t.String("unit_serial", example: "sanchaos-test-0") ?? tg.UnitSerial,
                    t.Int("port", 1, 65535, example: "3260") ?? tg.Port) { Chap = ReadChap(t.Map("chap")) };
                t.Done();
            }

            var ini = seeds.Initiator;
            var i = m.Map("iscsi_initiator");
            if (i is not null)
            {
                ini = new IscsiInitiatorConfig(
                    i.Duration("noop_out_interval", example: "5 s") ?? ini.NoopOutInterval,
                    i.Duration("noop_out_timeout", example: "10 s") ?? ini.NoopOutTimeout,
                    i.Duration("replacement_timeout", example: "15 s") ?? ini.ReplacementTimeout,
                    i.Choice("startup", ["automatic", "manual", "onboot"]) ?? ini.Startup);
                i.Done();
            }

            var mp = seeds.Multipath;
            var p = m.Map("multipath");
            if (p is not null)
            {
                mp = new MultipathConfig(
                    p.String("alias", example: "mpio") ?? mp.Alias,
                    p.Duration("polling_interval", example: "10 s") ?? mp.PollingInterval,
                    p.String("selector", example: "round-robin 0") ?? mp.Selector,
                    p.String("path_grouping_policy", example: "multibus") ?? mp.PathGroupingPolicy,
                    p.String("path_checker", example: "tur") ?? mp.PathChecker,
                    p.String("failback", example: "immediate") ?? mp.Failback,
                    p.String("no_path_retry", example: "queue") ?? mp.NoPathRetry,
                    p.Int("rr_min_io", 1, 100000, example: "100") ?? mp.RrMinIo,
                    p.Duration("fast_io_fail_tmo", example: "5 s") ?? mp.FastIoFailTmo);
                p.Done();
            }

            var build = SutBuild.Default;
            var b = m.Map("build");
            if (b is not null)
            {
                build = new SutBuild(
                    b.Choice("kernel", SutBuild.Kernels) ?? build.Kernel,
                    b.Choice("release", SutBuild.Releases) ?? build.Release);
                b.Done();
            }

            m.Done();
            return new SutConfig(hb, db, tg, ini, mp) { Build = build };
        }
    }
}
