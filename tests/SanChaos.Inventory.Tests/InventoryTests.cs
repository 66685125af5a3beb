using System.Net;
using FluentAssertions;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Inventory.Tests;

public sealed class InventoryTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, name);

    private static IReadOnlyList<InventoryError> ErrorsOf(string file)
    {
        var path = PathOf(Path.Combine("Inventories", file));
        var (inv, errors) = InventoryLoader.TryParse(path, File.ReadAllText(path));
        if (errors.Count > 0) inv.Should().BeNull();
        return errors;
    }

    [Fact]
    public void The_embedded_lab_is_the_seed_topology()
    {
        var inv = InventoryLoader.Load(PathOf("Lab/embedded.yaml"));
        inv.Kind.Should().Be(LabKind.Embedded);
        inv.Disposable.Should().BeTrue();
        inv.StorageNodes.Select(n => n.Name).Should().Equal("otter", "weasel");
        inv.Clients.Select(n => n.Name).Should().Equal("badger");
        inv.Node("otter").InterfaceOn("replication")!.Address.ToString().Should().Be("10.0.0.1/24");
        inv.Node("weasel").InterfaceOn("storage-b")!.Name.Should().Be("eth3");
        inv.Node("badger").Management.Should().Be(IPAddress.Parse("172.16.1.10"));
        inv.Network(NetworkPurpose.StorageA).Switch.Should().Be("switch-a");
        inv.Network(NetworkPurpose.Replication).Switch.Should().BeNull();
        inv.Serial!.Ends.Should().Equal("otter", "weasel");
        inv.Pdus.Single().OutletsOf("switch-b").Should().Equal(5);
        inv.FloatingIps.Select(f => f.Address.ToString()).Should().Equal("192.168.1.1/24", "192.168.2.1/24");
        inv.PreferredNode.Should().Be("weasel");
        var hb = inv.Sut.Heartbeat;
        (hb.Keepalive, hb.Deadtime, hb.Warntime, hb.Initdead, hb.UdpPort, hb.AutoFailback)
            .Should().Be((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), 694, false));
        inv.Sut.Drbd.Protocol.Should().Be('C');
        inv.Sut.Initiator.ReplacementTimeout.Should().Be(TimeSpan.FromSeconds(15));
        inv.Sut.Multipath.Alias.Should().Be("mpio");
    }

    [Fact]
    public void The_hardware_example_is_valid_and_reads_dual_power_supplies()
    {
        var inv = InventoryLoader.Load(PathOf("Lab/hardware.example.yaml"));
        inv.Kind.Should().Be(LabKind.Hardware);
        var pdu = inv.Pdus.Single();
        pdu.Driver.Should().Be(PduDriverKind.ApcSnmp);
        pdu.OutletsOf("otter").Should().Equal(1, 2);
        pdu.Password.Env.Should().Be("SANCHAOS_PDU_PASSWORD");
        inv.Node("otter").Ssh.KeyFile.Should().EndWith(".ssh/sanchaos_rack2");
        inv.Sut.Heartbeat.AuthKey!.File.Should().Be("/etc/sanchaos/rack2-authkey");
    }

    [Fact]
    public void Every_error_is_reported_at_once_with_line_column_and_what_to_write()
    {
        var errors = ErrorsOf("many-errors.yaml");
        var byLine = errors.Select(e => (e.At.Line, e.At.Column, e.Message)).ToArray();
        byLine.Should().HaveCount(11);
        errors.Should().OnlyContain(e => e.At.File.EndsWith("many-errors.yaml", StringComparison.Ordinal) && e.Fix.Length > 0);

        Has(errors, 7, 3, "Switch 'san-b' is declared but no network uses it");
        Has(errors, 8, 3, "Switch 'spare' is declared but no network uses it");
        Has(errors, 13, 3, "switch 'san-c', which is not declared", "Did you mean");
        Has(errors, 25, 3, "Node 'weasel' has no management address", "management:");
        Has(errors, 30, 7, "Address 192.168.1.2 of weasel eth2 is already used by otter eth2");
        Has(errors, 34, 5, "Unknown key 'memroy_mb'", "Did you mean 'memory_mb'?");
        Has(errors, 49, 15, "written inline", "env: SANCHAOS_PDU_PASSWORD");
        Has(errors, 53, 7, "Outlet 2 of PDU 'pdu1' is fed twice: to 'weasel' (line 52) and to 'san-a'");
        Has(errors, 54, 7, "feeds 'toaster', which is neither a node nor a switch");
        Has(errors, 57, 5, "192.168.3.1/24 is outside network 'storage-b'");
        Has(errors, 60, 15, "'10 parsecs', not a duration", "10 s");
    }

    [Fact]
    public void Wrong_shapes_and_values_say_what_was_found_and_what_is_allowed()
    {
        var errors = ErrorsOf("wrong-types.yaml");
        Has(errors, 3, 9, "'spaceship'", "embedded, vagrant, hardware");
        Has(errors, 4, 11, "'switches' of the inventory must be a mapping", "a list");
        Has(errors, 6, 3, "host bits set", "subnet: 172.16.1.0/24");
        Has(errors, 7, 8, "'nodes' of the inventory must be a mapping", "'otter'");
        Has(errors, 8, 15, "'floating_ips' in the inventory must be a list");
        errors.Should().Contain(e => e.Message.Contains("0 storage node(s)"));
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_position()
    {
        var e = ErrorsOf("syntax-error.yaml").Should().ContainSingle().Subject;
        e.At.Line.Should().Be(5);
        e.Message.Should().StartWith("YAML syntax error");
    }

    [Fact]
    public void Load_throws_one_exception_listing_every_error_with_the_command_to_recheck()
    {
        var path = PathOf("Inventories/many-errors.yaml");
        var ex = FluentActions.Invoking(() => InventoryLoader.Load(path)).Should().Throw<InventoryException>().Which;
        ex.Errors.Should().HaveCount(11);
        ex.Message.Should().Contain("11 errors").And.Contain("many-errors.yaml:34:5").And.Contain("sanchaos inventory check");
    }

    [Fact]
    public void A_missing_inventory_file_says_how_to_choose_one()
    {
        FluentActions.Invoking(() => InventoryLoader.Load("/nonexistent/rack9.yaml")).Should().Throw<Core.Errors.SanChaosException>()
            .WithMessage("*rack9.yaml does not exist*SANCHAOS_LAB*");
    }

    [Fact]
    public void SANCHAOS_LAB_chooses_the_inventory_and_defaults_to_the_embedded_lab()
    {
        var old = Environment.GetEnvironmentVariable(InventoryLoader.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(InventoryLoader.EnvironmentVariable, null);
            InventoryLoader.ResolvePath("/repo").Should().Be("/repo/lab/embedded.yaml");
            Environment.SetEnvironmentVariable(InventoryLoader.EnvironmentVariable, "lab/rack2.yaml");
            InventoryLoader.ResolvePath("/repo").Should().Be("/repo/lab/rack2.yaml");
            Environment.SetEnvironmentVariable(InventoryLoader.EnvironmentVariable, "/etc/sanchaos/rack3.yaml");
            InventoryLoader.ResolvePath("/repo").Should().Be("/etc/sanchaos/rack3.yaml");
        }
        finally
        {
            Environment.SetEnvironmentVariable(InventoryLoader.EnvironmentVariable, old);
        }
    }

    [Fact]
    public void Secrets_resolve_from_the_environment_or_a_file_and_say_what_to_set_when_missing()
    {
        var name = $"SANCHAOS_TEST_SECRET_{Guid.NewGuid():N}";
        new SecretRef(name, null).Invoking(s => s.Resolve()).Should().Throw<Core.Errors.SanChaosException>().WithMessage($"*{name}*export {name}=*");
        Environment.SetEnvironmentVariable(name, "s3cret");
        try
        {
            new SecretRef(name, null).Resolve().Should().Be("s3cret");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        var file = Path.GetTempFileName();
        File.WriteAllText(file, "from-file\nignored\n");
        new SecretRef(null, file).Resolve().Should().Be("from-file");
        File.Delete(file);
    }

    [Theory]
    [InlineData("storage-b", "switch: switch-a }", "storage-a and storage-b hang on the same switch")]
    public void Seed_variants_that_remain_valid_are_accepted(string network, string replacement, string why)
    {
        // Two storage networks on one switch is a single point of failure, but a valid lab to drill: lint (not
        // validation) reports it. The inventory must accept it.
        var text = File.ReadAllText(PathOf("Lab/embedded.yaml"))
            .Replace($"{network}:   {{ purpose: {network},   subnet: 192.168.2.0/24, switch: switch-b }}", $"{network}:   {{ purpose: {network},   subnet: 192.168.2.0/24, {replacement}")
            .Replace("  switch-b: {}              # storage network B\n", "")
            .Replace("      5: switch-b\n", "");
        var (inv, errors) = InventoryLoader.TryParse("variant.yaml", text);
        errors.Should().BeEmpty(why);
        inv!.Network(NetworkPurpose.StorageB).Switch.Should().Be("switch-a");
    }

    private static void Has(IReadOnlyList<InventoryError> errors, int line, int column, string message, string? fix = null)
    {
        var hit = errors.Where(e => e.At.Line == line && e.At.Column == column && e.Message.Contains(message, StringComparison.Ordinal)).ToArray();
        hit.Should().ContainSingle($"an error at {line}:{column} containing \"{message}\" among:\n{string.Join("\n", errors)}");
        if (fix is not null) (hit[0].Message + " " + hit[0].Fix).Should().Contain(fix);
    }

    [Fact]
    public void The_hardware_example_names_its_capture_points_and_the_serial_cables_relay_outlet()
    {
        var inv = InventoryLoader.Load(PathOf("Lab/hardware.example.yaml"));

        inv.Captures.Select(c => (c.Network, c.Host, c.Interface)).Should().Equal(("storage-a", null, "enp5s0"), ("storage-b", "badger", "eth2"));
        inv.Pdus.Single().OutletsOf(SerialCableSpec.RelayDevice).Should().Equal(9);
    }

    [Theory]
    [InlineData("  storage-c: { interface: eth9 }", "capture: 'storage-c' is not a network of this lab.")]
    [InlineData("  replication: { interface: eth9 }", "capture: 'replication' is a replication network; gratuitous ARP is captured on the storage networks.")]
    [InlineData("  storage-a: { host: ferret, interface: eth1 }", "capture: 'storage-a' is captured on host 'ferret', which is not a node of this lab.")]
    [InlineData("  storage-a: { host: badger }", "capture point 'storage-a' has no 'interface'.")]
    public void A_wrong_capture_point_is_refused_with_its_line(string entry, string error)
    {
        var text = File.ReadAllText(PathOf("Lab/hardware.example.yaml"));
        text = text.Replace("  storage-a: { interface: enp5s0 }", entry, StringComparison.Ordinal);
        var (_, errors) = InventoryLoader.TryParse("/tmp/rack.yaml", text);

        var e = errors.Should().ContainSingle().Which;
        e.ToString().Should().Contain(error);
        e.At.Line.Should().Be(text.Split('\n').ToList().FindIndex(l => l.StartsWith(entry, StringComparison.Ordinal)) + 1);
    }

    [Fact]
    public void The_embedded_lab_refuses_capture_points_because_it_captures_on_its_own_bridges()
    {
        var text = File.ReadAllText(PathOf("Lab/embedded.yaml")) + "\ncapture:\n  storage-a: { host: badger, interface: eth1 }\n";
        var (_, errors) = InventoryLoader.TryParse("/tmp/embedded.yaml", text);

        errors.Should().ContainSingle().Which.ToString().Should().Contain("The embedded lab captures on its own bridges");
    }
}
