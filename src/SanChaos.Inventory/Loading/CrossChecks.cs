using System.Net;
using SanChaos.Inventory.Model;

namespace SanChaos.Inventory.Loading;

/// <summary>Checks that span sections: references resolve, addresses fit and are unique, the topology is the seeds'.</summary>
internal sealed class CrossChecks(LabInventory inv, ErrorSink sink, SourceLocation top)
{
    public void Run()
    {
        Networks();
        Nodes();
        Addresses();
        Serial();
        Pdus();
        Floating();
        Sut();
        Vagrant();
        Captures();
    }

    private void Captures()
    {
        foreach (var c in inv.Captures)
        {
            var net = inv.Networks.FirstOrDefault(n => n.Name == c.Network);
            if (net is null)
                sink.Add(c.Location, $"capture: '{c.Network}' is not a network of this lab.", Suggest(c.Network, inv.Networks.Select(n => n.Name), "Name a storage network declared under networks:."));
            else if (net.Purpose is not (NetworkPurpose.StorageA or NetworkPurpose.StorageB))
                sink.Add(c.Location, $"capture: '{c.Network}' is a {PurposeName(net.Purpose)} network; gratuitous ARP is captured on the storage networks.", "Capture the storage-a and storage-b networks.");
            if (c.Host is { } host && inv.Nodes.All(n => n.Name != host))
                sink.Add(c.Location, $"capture: '{c.Network}' is captured on host '{host}', which is not a node of this lab.",
                    Suggest(host, inv.Nodes.Select(n => n.Name), "Name a node (its SSH settings are used), or leave `host:` out to capture on this machine."));
        }

        if (inv.Kind == LabKind.Embedded && inv.Captures.Count > 0)
            sink.Add(inv.Captures[0].Location, "The embedded lab captures on its own bridges; `capture:` is for racks and Vagrant labs.", "Remove the capture: section.");
    }

    private void Networks()
    {
        foreach (var purpose in Enum.GetValues<NetworkPurpose>())
        {
            var nets = inv.Networks.Where(n => n.Purpose == purpose).ToArray();
            var name = PurposeName(purpose);
            if (nets.Length == 0)
                sink.Add(top, $"No network has `purpose: {name}`.", $"Declare one under networks:, e.g. `{name}: {{ purpose: {name}, subnet: ..., switch: ... }}`.");
            foreach (var extra in nets.Skip(1))
                sink.Add(extra.Location, $"Network '{extra.Name}' is a second network with purpose {name} (first: '{nets[0].Name}').", "Each purpose names one network; change its purpose or remove it.");
        }

        var switchNames = inv.Switches.Select(s => s.Name).ToHashSet();
        foreach (var n in inv.Networks)
        {
            if (n.Switch is null)
            {
                if (n.Purpose != NetworkPurpose.Replication)
                    sink.Add(n.Location, $"Network '{n.Name}' has no switch.", "Add `switch: <name>` naming one of the switches: faults power switches off by this link.");
            }
            else if (!switchNames.Contains(n.Switch))
                sink.Add(n.Location, $"Network '{n.Name}' hangs on switch '{n.Switch}', which is not declared.",
                    Suggest(n.Switch, switchNames, "Declare it under switches:"));
            if (n.Subnet.Network.Address.ToString() != n.Subnet.Address.ToString())
                sink.Add(n.Location, $"The subnet of network '{n.Name}' is {n.Subnet}, which has host bits set.", $"Write `subnet: {n.Subnet.Network}`.");
        }

        foreach (var s in inv.Switches.Where(s => inv.Networks.All(n => n.Switch != s.Name)))
            sink.Add(s.Location, $"Switch '{s.Name}' is declared but no network uses it.",
                "Name it in a network's `switch:`, or remove it.");
    }

    private void Nodes()
    {
        var storage = inv.StorageNodes;
        if (storage.Count != 2)
            sink.Add(storage.Count > 2 ? storage[2].Location : top, $"The lab has {storage.Count} storage node(s); a Heartbeat v1 pair has exactly two.",
                "Declare two nodes with `role: storage` (otter and weasel in the seeds).");
        if (inv.Clients.Count == 0)
            sink.Add(top, "The lab has no client node.", "Declare a node with `role: client` (badger in the seeds) that logs into the target.");

        foreach (var node in inv.Nodes)
        {
            foreach (var i in node.Interfaces)
            {
                var net = inv.Networks.FirstOrDefault(n => n.Name == i.Network);
                if (net is null)
                {
                    sink.Add(i.Location, $"Interface {i.Name} of '{node.Name}' is on network '{i.Network}', which is not declared.",
                        Suggest(i.Network, inv.Networks.Select(n => n.Name), "Declare it under networks:"));
                    continue;
                }

                if (!net.Subnet.Contains(i.Address.Address) || net.Subnet.PrefixLength != i.Address.PrefixLength)
                    sink.Add(i.Location, $"Interface {i.Name} of '{node.Name}' has {i.Address}, outside network '{net.Name}' ({net.Subnet}).",
                        $"Give it an address in {net.Subnet} with /{net.Subnet.PrefixLength}.");
                if (net.Purpose == NetworkPurpose.Replication && node.Role != NodeRole.Storage)
                    sink.Add(i.Location, $"Client '{node.Name}' is cabled to the replication crossover '{net.Name}', which joins only the two storage nodes.", "Remove this interface.");
            }

            foreach (var dup in node.Interfaces.GroupBy(i => i.Name).Where(g => g.Count() > 1))
                sink.Add(dup.Skip(1).First().Location, $"Node '{node.Name}' declares interface {dup.Key} twice.", "Rename one of them.");

            var required = node.Role == NodeRole.Storage
                ? new[] { NetworkPurpose.Management, NetworkPurpose.Replication, NetworkPurpose.StorageA, NetworkPurpose.StorageB }
                : new[] { NetworkPurpose.Management, NetworkPurpose.StorageA, NetworkPurpose.StorageB };
            foreach (var purpose in required)
            {
                var net = inv.Networks.FirstOrDefault(n => n.Purpose == purpose);
                if (net is not null && node.InterfaceOn(net.Name) is null)
                    sink.Add(node.Location, $"Node '{node.Name}' has no interface on network '{net.Name}' ({PurposeName(purpose)}).",
                        $"Add under interfaces: `ethN: {{ network: {net.Name}, address: <address in {net.Subnet}> }}`.");
            }

            var mgmtNet = inv.Networks.FirstOrDefault(n => n.Purpose == NetworkPurpose.Management);
            if (mgmtNet is not null && !node.Management.Equals(IPAddress.None) && !mgmtNet.Subnet.Contains(node.Management))
                sink.Add(node.Location, $"The management address {node.Management} of '{node.Name}' is outside the management network {mgmtNet.Subnet}.",
                    "Use the address of its interface on the management network.");
        }
    }

    private void Addresses()
    {
        var seen = new Dictionary<string, string>();
        void Claim(IPAddress ip, string owner, SourceLocation at)
        {
            var key = ip.ToString();
            if (seen.TryGetValue(key, out var first))
                sink.Add(at, $"Address {key} of {owner} is already used by {first}.", "Every interface and floating IP needs its own address.");
            else seen[key] = owner;
        }

        foreach (var n in inv.Nodes)
            foreach (var i in n.Interfaces)
                Claim(i.Address.Address, $"{n.Name} {i.Name}", i.Location);
        foreach (var f in inv.FloatingIps)
            Claim(f.Address.Address, $"floating IP on {f.Network}", f.Location);

        var macs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in inv.Nodes)
            foreach (var i in n.Interfaces.Where(i => i.Mac is not null))
            {
                if (macs.TryGetValue(i.Mac!, out var first))
                    sink.Add(i.Location, $"MAC {i.Mac} of {n.Name} {i.Name} is already used by {first}.", "Give each interface its own MAC.");
                else macs[i.Mac!] = $"{n.Name} {i.Name}";
            }
    }

    private void Serial()
    {
        if (inv.Serial is null)
        {
            if (inv.Sut.Heartbeat.Serial)
                sink.Add(top, "Heartbeat uses the serial link, but no serial cable is declared.",
                    "Add `serial: { between: [otter, weasel] }`, or set `sut: heartbeat: serial: false`.");
            return;
        }

        foreach (var end in inv.Serial.Ends)
        {
            var node = inv.Nodes.FirstOrDefault(n => n.Name == end);
            if (node is null)
                sink.Add(inv.Serial.Location, $"The serial cable joins '{end}', which is not a node.", Suggest(end, inv.Nodes.Select(n => n.Name), "Name the two storage nodes."));
            else if (node.Role != NodeRole.Storage)
                sink.Add(inv.Serial.Location, $"The serial cable joins '{end}', which is not a storage node.", "The null-modem cable joins the two storage nodes.");
            else if (node.SerialPort is null)
                sink.Add(node.Location, $"Storage node '{end}' is on the serial cable but has no serial_port.", "Add `serial_port: /dev/ttyS0` (the port the cable is plugged into).");
        }

        if (inv.Serial.Ends[0] == inv.Serial.Ends[1])
            sink.Add(inv.Serial.Location, "The serial cable joins a node to itself.", "Write `between: [otter, weasel]`.");
    }

    private void Pdus()
    {
        var devices = inv.Nodes.Select(n => n.Name).Concat(inv.Switches.Select(s => s.Name)).ToArray();
        const string relay = SerialCableSpec.RelayDevice;
        foreach (var p in inv.Pdus)
            foreach (var o in p.Outlets.Where(o => !devices.Contains(o.Feeds)))
            {
                if (o.Feeds == relay && inv.Serial is not null) continue;
                sink.Add(o.Location, o.Feeds == relay
                        ? $"Outlet {o.Outlet} of PDU '{p.Name}' feeds the serial cable's relay, but no serial cable is declared."
                        : $"Outlet {o.Outlet} of PDU '{p.Name}' feeds '{o.Feeds}', which is neither a node nor a switch.",
                    o.Feeds == relay ? "Declare the cable: `serial: { between: [otter, weasel] }`." : Suggest(o.Feeds, devices, $"Name a node or switch declared above, or `{relay}` for the relay the null-modem cable runs through."));
            }

        if (devices.Contains(relay) && inv.Pdus.Any(p => p.Outlets.Any(o => o.Feeds == relay)))
            sink.Add(top, $"A node or switch is called '{relay}', the name PDU outlets use for the serial cable's relay.", "Rename that node or switch.");
        // Several outlets per device (dual power supplies) are allowed, on one PDU or several.
    }

    private void Floating()
    {
        if (inv.FloatingIps.Count == 0)
            sink.Add(top, "No floating IPs are declared.", "Add one per storage network, e.g. `- { address: 192.168.1.1/24, network: storage-a }`.");
        foreach (var f in inv.FloatingIps)
        {
            var net = inv.Networks.FirstOrDefault(n => n.Name == f.Network);
            if (net is null)
            {
                sink.Add(f.Location, $"Floating IP {f.Address} is on network '{f.Network}', which is not declared.", Suggest(f.Network, inv.Networks.Select(n => n.Name), ""));
                continue;
            }

            if (net.Purpose is not (NetworkPurpose.StorageA or NetworkPurpose.StorageB))
                sink.Add(f.Location, $"Floating IP {f.Address} is on '{net.Name}', which is not a storage network.", "Floating IPs are the iSCSI portals: put them on storage-a and storage-b.");
            if (!net.Subnet.Contains(f.Address.Address) || net.Subnet.PrefixLength != f.Address.PrefixLength)
                sink.Add(f.Location, $"Floating IP {f.Address} is outside network '{net.Name}' ({net.Subnet}).", $"Use an address in {net.Subnet} with /{net.Subnet.PrefixLength}.");
        }

        foreach (var dup in inv.FloatingIps.GroupBy(f => f.Network).Where(g => g.Count() > 1))
            sink.Add(dup.Skip(1).First().Location, $"Network '{dup.Key}' has more than one floating IP.", "One portal per storage network: remove the extra one.");
    }

    private void Sut()
    {
        var hb = inv.Sut.Heartbeat;
        if (hb.PreferredNode is not null && inv.StorageNodes.All(n => n.Name != hb.PreferredNode))
            sink.Add(top, $"sut.heartbeat.preferred_node is '{hb.PreferredNode}', which is not a storage node.",
                Suggest(hb.PreferredNode, inv.StorageNodes.Select(n => n.Name), "Name one of the storage nodes."));
        if (hb.Keepalive >= hb.Deadtime)
            sink.Add(top, $"sut.heartbeat: keepalive ({hb.Keepalive.TotalSeconds} s) must be shorter than deadtime ({hb.Deadtime.TotalSeconds} s); Heartbeat refuses to start otherwise.",
                "Use the seeds' keepalive 1 s, deadtime 10 s.");
        if (hb.Warntime >= hb.Deadtime)
            sink.Add(top, $"sut.heartbeat: warntime ({hb.Warntime.TotalSeconds} s) must be shorter than deadtime ({hb.Deadtime.TotalSeconds} s).",
                "Use the seeds' warntime 5 s, deadtime 10 s.");
    }

    /// <summary>
    /// A Vagrant lab's inventory is also its Vagrantfile's data: what the Vagrantfile and the harness both derive from it
    /// (NIC order and MACs, the second disk, the serial line) must be as the Vagrant machines will have it.
    /// </summary>
    private void Vagrant()
    {
        if (inv.Vagrant is not { } v) return;
        foreach (var node in inv.Nodes)
        {
            for (var i = 0; i < node.Interfaces.Count; i++)
            {
                var nic = node.Interfaces[i];
                var expected = $"eth{i + 1}";
                if (nic.Name != expected)
                    sink.Add(nic.Location, $"Interface {nic.Name} of '{node.Name}' is its interface number {i + 1}; on a Vagrant machine that one is {expected}.",
                        $"Vagrant gives eth0 to its own NIC and adds the private networks as eth1, eth2, ... in the order of `interfaces:`: write `{expected}:` here (or reorder the interfaces).");
                if (nic.Mac is null)
                    sink.Add(nic.Location, $"Interface {nic.Name} of '{node.Name}' has no mac; the Vagrant lab gives every NIC the inventory's MAC and switches its link by it.",
                        "Add `mac: \"52:54:00:..\"` (any unicast MAC, unique in the lab).");
            }

            if (node.Role == NodeRole.Storage && node.DrbdDisk is { } disk && disk != v.DataDiskDevice)
                sink.Add(node.Location, $"Storage node '{node.Name}' has drbd_disk {disk}, but under {v.ProviderName} the Vagrantfile's second disk is {v.DataDiskDevice}.",
                    $"Write `drbd_disk: {v.DataDiskDevice}`.");
        }

        if (inv.Serial is null)
        {
            if (v.SerialTcpPorts.Count > 0)
                sink.Add(v.Location, "'serial_tcp_ports' of 'vagrant' names ports, but the lab declares no serial cable.",
                    "Declare `serial: { between: [otter, weasel] }`, or remove `serial_tcp_ports`.");
            return;
        }

        foreach (var end in inv.Serial.Ends)
        {
            if (!v.SerialTcpPorts.ContainsKey(end))
                sink.Add(v.Location, $"The serial cable joins '{end}', but 'serial_tcp_ports' of 'vagrant' gives it no port.",
                    $"Add `serial_tcp_ports: {{ {string.Join(", ", inv.Serial.Ends.Select((e, i) => $"{e}: {47101 + i}"))} }}` (free TCP ports on 127.0.0.1).");
            if (inv.Nodes.FirstOrDefault(n => n.Name == end) is { SerialPort: { } port } node && port != VagrantSpec.SerialDevice)
                sink.Add(node.Location, $"'{end}' has serial_port {port}, but the Vagrantfile wires the serial cable to {VagrantSpec.SerialDevice} (COM2; COM1 is the box's console).",
                    $"Write `serial_port: {VagrantSpec.SerialDevice}`.");
        }

        foreach (var extra in v.SerialTcpPorts.Keys.Where(k => !inv.Serial.Ends.Contains(k)))
            sink.Add(v.Location, $"'serial_tcp_ports' of 'vagrant' names '{extra}', which is not an end of the serial cable ({string.Join(", ", inv.Serial.Ends)}).",
                "Give ports to the two ends of `serial: between:` only.");
        foreach (var dup in v.SerialTcpPorts.GroupBy(kv => kv.Value).Where(g => g.Count() > 1))
            sink.Add(v.Location, $"'serial_tcp_ports' of 'vagrant' gives port {dup.Key} to {string.Join(" and ", dup.Select(kv => kv.Key))}.",
                "Each end listens on its own port: give them different ones.");
    }

    private static string PurposeName(NetworkPurpose p) => p switch
    {
        NetworkPurpose.Management => "management",
        NetworkPurpose.Replication => "replication",
        NetworkPurpose.StorageA => "storage-a",
        _ => "storage-b",
    };

    private static string Suggest(string word, IEnumerable<string> known, string otherwise)
    {
        var list = known.ToArray();
        var guess = MapReader.Closest(word, list);
        if (guess is not null) return $"Did you mean '{guess}'?";
        return list.Length == 0 ? otherwise : $"{otherwise} Known: {string.Join(", ", list)}.".Trim();
    }
}
