using FluentAssertions;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Kinds.Embedded;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Rack;

/// <summary>The embedded lab's inventory rewritten as a rack's: it loads as a hardware inventory that names every file it needs.</summary>
[Trait("Category", "unit")]
public sealed class RackInventoryExportTests
{
    private sealed class Pdus : IPduEndpoints
    {
        public string AddressOf(PduSpec pdu) => "http://127.0.0.1:40123";
    }

    [Fact]
    public void The_embedded_inventory_as_a_rack_loads_as_hardware_with_ssh_config_host_keys_the_pdus_address_a_key_file_and_capture_on_the_client()
    {
        var root = SanChaos.Core.Repository.Root();
        var embedded = InventoryLoader.Load(Path.Combine(root, "lab", "embedded.yaml"));
        var dir = Directory.CreateTempSubdirectory("sanchaos-rack-test-").FullName;
        try
        {
            var files = new RackInventoryExport.Files(Path.Combine(dir, "rack.yaml"), Path.Combine(dir, "ssh_config"), Path.Combine(dir, "known_hosts"), Path.Combine(dir, "heartbeat-authkey"));
            File.WriteAllText(files.KnownHosts, "172.16.1.1 ssh-ed25519 AAAA\n");
            File.WriteAllText(files.SshConfig, "Host *\n");
            using (new FileStream(files.AuthKey, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
            }

            File.AppendAllText(files.AuthKey, "sanchaos-0123456789abcdef\n");
            var text = RackInventoryExport.Inventory(embedded, new Pdus(), "/var/lib/sanchaos/embedded/id_ed25519", files);
            File.WriteAllText(files.Inventory, text);

            var rack = InventoryLoader.Load(files.Inventory);

            rack.Kind.Should().Be(LabKind.Hardware);
            rack.Name.Should().Be(embedded.Name, "the rendered SUT files name the lab: the same name re-provisions nothing");
            rack.Nodes.Should().OnlyContain(n => n.Ssh.KnownHostsFile == files.KnownHosts && n.Ssh.KeyFile == "/var/lib/sanchaos/embedded/id_ed25519");
            rack.Nodes.Select(n => (n.Name, n.Management)).Should().Equal(embedded.Nodes.Select(n => (n.Name, n.Management)));
            rack.Pdus.Single().Address.Should().Be("http://127.0.0.1:40123");
            rack.Pdus.Single().OutletsOf(SerialCableSpec.RelayDevice).Should().Equal(embedded.Pdus.Single().OutletsOf(SerialCableSpec.RelayDevice));
            rack.Sut.Heartbeat.AuthKey!.File.Should().Be(files.AuthKey);
            rack.Captures.Select(c => (c.Network, c.Host, c.Interface)).Should().Equal(("storage-a", "badger", "eth1"), ("storage-b", "badger", "eth2"));
            (rack.Sut with { Heartbeat = embedded.Sut.Heartbeat, Build = embedded.Sut.Build }).Should().Be(embedded.Sut, "the SAN's configuration is the embedded lab's, the key file aside");
            text.Should().Contain("config: " + files.SshConfig);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
