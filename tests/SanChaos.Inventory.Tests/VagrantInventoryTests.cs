using FluentAssertions;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Inventory.Tests;

/// <summary>The Vagrant lab's inventory (lab/vagrant.yaml): its <c>vagrant:</c> section and what must agree with the Vagrantfile.</summary>
public sealed class VagrantInventoryTests
{
    private static readonly string Vagrant = Path.Combine(Core.Repository.Root(), "lab", "vagrant.yaml");

    private static string Text => File.ReadAllText(Vagrant);

    private static IReadOnlyList<InventoryError> ErrorsOf(string text)
    {
        var (inv, errors) = InventoryLoader.TryParse(Vagrant, text);
        if (errors.Count > 0) inv.Should().BeNull();
        return errors;
    }

    [Fact]
    public void The_vagrant_lab_is_the_seed_topology_on_vms_with_its_own_pdu_and_serial_ports()
    {
        var inv = InventoryLoader.Load(Vagrant);
        inv.Kind.Should().Be(LabKind.Vagrant);
        var v = inv.Vagrant!;
        v.Directory.Should().Be(Path.Combine(Core.Repository.Root(), "vagrant"), "relative to the inventory file");
        v.Provider.Should().Be(VagrantProviderKind.Libvirt);
        v.ProviderName.Should().Be("libvirt");
        v.Box.Should().Be("debian/bookworm64");
        v.MachineName("otter").Should().Be("sanchaos-otter");
        v.LibvirtUri.Should().Be("qemu:///system");
        v.SerialTcpPorts.Should().BeEquivalentTo(new Dictionary<string, int> { ["otter"] = 47101, ["weasel"] = 47102 });
        v.DataDiskDevice.Should().Be("/dev/vdb");
        inv.StorageNodes.Should().OnlyContain(n => n.DrbdDisk == "/dev/vdb" && n.SerialPort == "/dev/ttyS1");
        // eth0 is Vagrant's own NIC: the crossover is eth1 as on the embedded lab, the storage networks eth2 and eth3.
        inv.Node("otter").InterfaceOn("replication")!.Name.Should().Be("eth1");
        inv.Node("weasel").InterfaceOn("storage-b")!.Name.Should().Be("eth3");
        inv.Node("badger").InterfaceOn("management")!.Name.Should().Be("eth3");
        inv.Node("otter").InterfaceOn("management")!.Mac.Should().Be("52:54:00:01:00:01", "the embedded lab's MACs");
        inv.Pdus.Single().Address.Should().Be("embedded", "the Vagrant lab runs its own Redfish PDU");
    }

    [Fact]
    public void The_vagrant_lab_has_the_embedded_labs_addresses_and_macs_on_every_network()
    {
        var embedded = InventoryLoader.Load(Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml"));
        var vagrant = InventoryLoader.Load(Vagrant);
        foreach (var node in embedded.Nodes)
            foreach (var nic in node.Interfaces)
            {
                var twin = vagrant.Node(node.Name).InterfaceOn(nic.Network)!;
                (twin.Address.ToString(), twin.Mac).Should().Be((nic.Address.ToString(), nic.Mac), $"{node.Name} on {nic.Network}");
            }
    }

    [Fact]
    public void A_vagrant_lab_needs_its_section_and_other_kinds_refuse_it()
    {
        var start = Text.IndexOf("vagrant:\n  directory:", StringComparison.Ordinal);
        var end = Text.IndexOf("switches:", StringComparison.Ordinal);
        var without = Text[..start] + Text[end..];
        ErrorsOf(without).Should().ContainSingle(e => e.Message == "A Vagrant lab has no `vagrant:` section.")
            .Which.Fix.Should().Contain("directory: ../vagrant, provider: libvirt");

        var hardware = Text.Replace("kind: vagrant", "kind: hardware").Replace("address: embedded", "address: 10.0.9.9:443");
        // (A rack has more to say about this text, its host keys and Heartbeat key: RackSecurityTests.)
        var e = ErrorsOf(hardware).Should().ContainSingle(e => e.Message.Contains("vagrant:", StringComparison.Ordinal)).Subject;
        e.Message.Should().Contain("`vagrant:` belongs to `kind: vagrant` only");
        e.At.Line.Should().Be(Line("  directory: ../vagrant"), "the section's first line");
    }

    [Fact]
    public void Provider_and_keys_are_checked_with_their_line()
    {
        var errors = ErrorsOf(Text.Replace("provider: libvirt ", "provider: vmware ").Replace("  cpus: 1\n", "  cpus: 1\n  memroy: 2\n"));
        errors.Should().Contain(e => e.Message == "'provider' in 'vagrant' is 'vmware'." && e.Fix == "Write one of: libvirt, virtualbox.");
        errors.Should().Contain(e => e.Message == "Unknown key 'memroy' in 'vagrant'.");
    }

    [Fact]
    public void Interfaces_are_eth1_onward_in_order_with_a_mac_because_vagrant_keeps_eth0()
    {
        var text = Text.Replace("      eth1: { network: replication, address: 10.0.0.1/24,    mac: \"52:54:00:01:01:01\" }",
                "      eth0: { network: replication, address: 10.0.0.1/24 }");
        var errors = ErrorsOf(text);
        var line = Line("      eth0: { network: replication", text);
        errors.Should().Contain(e => e.At.Line == line && e.Message.Contains("on a Vagrant machine that one is eth1") && e.Fix.Contains("write `eth1:`"));
        errors.Should().Contain(e => e.At.Line == line && e.Message.Contains("has no mac"));
    }

    [Fact]
    public void The_drbd_disk_and_serial_port_are_those_the_vagrantfile_gives_under_the_provider()
    {
        var errors = ErrorsOf(Text.Replace("provider: libvirt ", "provider: virtualbox "));
        errors.Should().HaveCount(2).And.OnlyContain(e => e.Message.Contains("the Vagrantfile's second disk is /dev/sdb") && e.Fix == "Write `drbd_disk: /dev/sdb`.");

        var ttyS0 = ErrorsOf(Text.Replace("serial_port: /dev/ttyS1", "serial_port: /dev/ttyS0"));
        ttyS0.Should().HaveCount(2).And.OnlyContain(e => e.Message.Contains("wires the serial cable to /dev/ttyS1"));
    }

    [Fact]
    public void Each_end_of_the_serial_cable_needs_its_own_tcp_port()
    {
        ErrorsOf(Text.Replace("    weasel: 47102\n", "")).Should().ContainSingle()
            .Which.Message.Should().Be("The serial cable joins 'weasel', but 'serial_tcp_ports' of 'vagrant' gives it no port.");
        ErrorsOf(Text.Replace("weasel: 47102", "weasel: 47101")).Should().ContainSingle()
            .Which.Message.Should().Be("'serial_tcp_ports' of 'vagrant' gives port 47101 to otter and weasel.");
        ErrorsOf(Text.Replace("    weasel: 47102\n", "    weasel: 47102\n    badger: 47103\n")).Should().ContainSingle()
            .Which.Message.Should().Contain("names 'badger', which is not an end of the serial cable");
        ErrorsOf(Text.Replace("weasel: 47102", "weasel: 80")).Should()
            .Contain(e => e.Message.Contains("'weasel' in 'serial_tcp_ports' of 'vagrant' is '80', not a whole number from 1024 to 65535"));
    }

    private static int Line(string what, string? text = null)
    {
        text ??= Text;
        return text[..text.IndexOf(what, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
    }
}
