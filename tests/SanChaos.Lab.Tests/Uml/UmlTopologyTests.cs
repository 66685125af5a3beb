using Xunit;
using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Labs.Uml;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>The embedded lab's plain parts, without running anything: topology checks, device names, kernel command
/// lines, the recipe hash, mirror detection, /proc parsing.</summary>
[Trait("Category", "unit")]
public sealed class UmlTopologyTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExEu8AxRWypf2JsrlLwWSmYfTpkHjttnjUYG1hp3l4m test";

    [Fact]
    public void The_seed_san_is_valid_and_matches_the_seeds_addresses()
    {
        var t = UmlTopology.SeedSan("abc123", Key);
        t.Validate();
        t.Namespace.Should().Be("sanchaos-abc123");
        t.ManagementAddressOf("badger").ToString().Should().Be("172.16.1.10");
        t.Node("otter").Interfaces.Select(i => i.Address).Should().Equal("172.16.1.1/24", "10.0.0.1/24", "192.168.1.2/24", "192.168.2.2/24");
        t.Node("weasel").Interfaces.Select(i => i.Address).Should().Equal("172.16.1.2/24", "10.0.0.2/24", "192.168.1.3/24", "192.168.2.3/24");
        t.Node("badger").Interfaces.Select(i => i.Address).Should().Equal("172.16.1.10/24", "192.168.1.10/24", "192.168.2.10/24");
        t.Serial!.GuestDevice.Should().Be("/dev/ttyS1");
        t.Nodes.Sum(n => n.MemoryMb).Should().BeLessThan(1536);
    }

    [Fact]
    public void An_invalid_topology_is_rejected_with_every_problem_at_once()
    {
        var t = new UmlTopology("Bad Id",
            [new("management", "sw"), new("management")],
            [
                new("n1", 64, [new("eth0", "01:00:00:00:00:01", "nowhere", "10.0.0.1")]),
                new("n1", 128, [new("eth0", "52:54:00:00:00:01", "management", null)]),
            ],
            "mgmt", "172.16.1.254", Key, new UmlSerialCable("n1", "n9", Baud: 50));
        var act = () => t.Validate();
        var e = act.Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Contain("run id 'Bad Id'").And.Contain("bridge 'management' is declared twice")
            .And.Contain("management bridge 'mgmt'").And.Contain("harness address").And.Contain("node 'n1' is declared twice")
            .And.Contain("memory 64 MiB").And.Contain("multicast").And.Contain("bridge 'nowhere'")
            .And.Contain("'10.0.0.1' is not an IPv4 address with prefix").And.Contain("serial cable: node 'n9'")
            .And.Contain("serial cable: 50 baud is not a serial line speed");
    }

    [Fact]
    public void Device_names_fit_in_fifteen_characters_and_are_unique()
    {
        var t = UmlTopology.SeedSan("x", Key) with
        {
            Bridges = [.. UmlTopology.SeedSan("x", Key).Bridges, new UmlBridge("a-very-long-bridge-name")],
        };
        var f = new UmlFabric(t);
        f.BridgeDevices.Concat(f.TapDevices).Should().OnlyContain(n => n.Length <= 15).And.OnlyHaveUniqueItems();
        f.Tap("weasel", "eth3").Should().Be("sct-weasel-eth3");
        f.BridgeDevice("management").Should().Be("scb-management");
        f.BridgeDevice("a-very-long-bridge-name").Should().Be("scb4");
    }

    [Fact]
    public void The_kernel_command_line_carries_disks_nics_serial_line_and_identity()
    {
        var t = UmlTopology.SeedSan("r1", Key);
        var m = new UmlMachine(t, t.Node("otter"), new UmlFabric(t), new UmlLabOptions(), "/var/lib/sanchaos/runs/r1");
        var args = m.KernelArguments("/cache/base.img", "/dev/pts/7");
        args.Should().Contain("ubd0=/var/lib/sanchaos/runs/r1/disks/otter.cow,/cache/base.img")
            .And.Contain("ubd1=/var/lib/sanchaos/runs/r1/disks/otter-data.img")
            .And.Contain("mem=192M")
            .And.Contain("vec2:transport=tap,ifname=sct-otter-eth2,mac=52:54:00:01:02:01,gro=1")
            .And.Contain("ssl=none").And.Contain("ssl1=tty:/dev/pts/7").And.Contain("con0=null,fd:1")
            .And.Contain("sanchaos.host=otter")
            .And.Contain("sanchaos.if=eth1,52:54:00:01:01:01,10.0.0.1/24")
            .And.Contain("umid=otter");
        var key = args.Single(a => a.StartsWith("sanchaos.key=", StringComparison.Ordinal))["sanchaos.key=".Length..];
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(key)).Should().Be(Key + "\n");
        args.Should().OnlyContain(a => !a.Contains(' '), "UML splits its command line on spaces");

        var badger = new UmlMachine(t, t.Node("badger"), new UmlFabric(t), new UmlLabOptions(), "/r");
        badger.KernelArguments("/b.img", null).Should().NotContain(a => a.StartsWith("ubd1=", StringComparison.Ordinal) || a.StartsWith("ssl1=", StringComparison.Ordinal));
    }

    [Fact]
    public void Mirrors_are_read_from_one_line_and_deb822_sources()
    {
        var dir = Directory.CreateTempSubdirectory("sanchaos-apt-");
        try
        {
            var deb822 = Path.Combine(dir.FullName, "debian.sources");
            File.WriteAllText(deb822, """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://deb.debian.org/debian
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security
                Components: main
                """);
            var list = Path.Combine(dir.FullName, "other.list");
            File.WriteAllText(list, "deb [arch=amd64] https://packages.cloud.google.com/apt cloud-sdk-bookworm main\n");
            ImageBuilder.DetectMirrors("bookworm", [list, deb822]).Should().Be(("http://deb.debian.org/debian", "http://deb.debian.org/debian-security"));

            File.WriteAllText(list, "# comment\ndeb http://mirror.example/debian/ bookworm main\n");
            ImageBuilder.DetectMirrors("bookworm", [list]).Should().Be(("http://mirror.example/debian", null));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void The_image_key_changes_with_any_recipe_file_but_not_with_its_readme()
    {
        var root = Directory.CreateTempSubdirectory("sanchaos-recipe-");
        try
        {
            var recipe = Directory.CreateDirectory(Path.Combine(root.FullName, "uml")).FullName;
            var modules = Directory.CreateDirectory(Path.Combine(root.FullName, "modules", "6.1.0")).Parent!.FullName;
            File.WriteAllText(Path.Combine(recipe, ImageBuilder.ScriptName), "#!/bin/sh\n");
            Directory.CreateDirectory(Path.Combine(recipe, "guest"));
            File.WriteAllText(Path.Combine(recipe, "guest", "f"), "a");
            var options = new UmlLabOptions { UmlModulesDirectory = modules, CacheDirectory = root.FullName, Mirror = "http://m/debian" };
            string KeyNow() => new ImageBuilder(options, recipe).Key;

            var k1 = KeyNow();
            k1.Should().MatchRegex("^[0-9a-f]{64}$");
            File.WriteAllText(Path.Combine(recipe, "README.md"), "docs");
            KeyNow().Should().Be(k1);
            File.WriteAllText(Path.Combine(recipe, "guest", "f"), "b");
            var k2 = KeyNow();
            k2.Should().NotBe(k1);
            new ImageBuilder(options with { ImageSize = "2G" }, recipe).Key.Should().NotBe(k2);
            new ImageBuilder(options, recipe).ImagePath.Should().Be(Path.Combine(root.FullName, "images", k2, "base.img"));
        }
        finally
        {
            root.Delete(true);
        }
    }

    [Fact]
    public void Proc_stat_lines_parse_even_with_spaces_and_parentheses_in_the_name()
    {
        var p = ProcessTable.Parse(4226, "4226 (linux (uml) x) S 1 4226 4226 0 -1 4194624 1 0 0 0 5 6 0 0 20 0 1 0 987654 1000 10").Should().NotBeNull().And.Subject;
        var stat = (ProcStat)p!;
        stat.Comm.Should().Be("linux (uml) x");
        stat.State.Should().Be('S');
        stat.ParentPid.Should().Be(1);
        stat.ProcessGroup.Should().Be(4226);
        stat.StartTicks.Should().Be(987654);
        ProcessTable.Read(Environment.ProcessId)!.Value.StartTicks.Should().BeGreaterThan(0);
    }
}
