using Xunit;
using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Labs;
using SanChaos.Labs.Uml;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>
/// The embedded lab's substrate, checked from the nodes' own output: identity, NICs and addresses, every network,
/// the serial cable, power of a node and of a switch, a cable cut. Each fault is healed in a
/// finally block so the next test finds the lab whole.
/// </summary>
[Trait("Category", "lab")]
[Collection(LabCollection.Name)]
public sealed class UmlLabTests(UmlLabFixture fixture, ITestOutputHelper output) : IClassFixture<UmlLabFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IUmlLab Lab => fixture.Lab;

    private INode Node(string name) => Lab.Nodes[name];

    [Fact]
    public void Up_reports_where_the_time_went()
    {
        foreach (var line in fixture.Progress) output.WriteLine(line);
        var t = Lab.UpTimings!;
        output.WriteLine($"image {t.Image.TotalSeconds:0.0} s (cached: {t.ImageWasCached}), fabric {t.Fabric.TotalSeconds:0.0} s, " +
                         string.Join(", ", t.BootToSsh.Select(kv => $"{kv.Key} {kv.Value.TotalSeconds:0.0} s")) + $", total {t.Total.TotalSeconds:0.0} s");
        t.BootToSsh.Keys.Should().BeEquivalentTo("otter", "weasel", "badger");
        foreach (var m in Lab.MeasureMemory().Values)
            output.WriteLine($"{m.Node}: {m.Processes} processes, PSS {m.PssKb / 1024} MiB, RSS {m.RssKb / 1024} MiB (mem={m.GuestMemoryMb}M)");
        Lab.MeasureMemory().Values.Sum(m => m.PssKb).Should().BeLessThan(1536L * 1024, "three nodes must fit in 1.5 GiB");
    }

    [Fact]
    public async Task Each_node_has_its_hostname_interfaces_and_addresses_with_a_broadcast()
    {
        foreach (var spec in Lab.Topology.Nodes)
        {
            var hostname = await Node(spec.Name).RunAsync("hostname", ct: Ct);
            hostname.Trim().Should().Be(spec.Name);

            var links = await Node(spec.Name).RunAsync("ip -o link show", ct: Ct);
            output.WriteLine($"{spec.Name}:\n{links}");
            links.Should().NotContain("vec", "the identity unit renames every vecN");
            foreach (var nic in spec.Interfaces)
                links.Should().MatchRegex($@"\d+: {nic.GuestName}: <[^>]*\bUP\b[^>]*>.*link/ether {nic.Mac}");

            var addrs = await Node(spec.Name).RunAsync("ip -4 -o addr show", ct: Ct);
            output.WriteLine(addrs);
            foreach (var nic in spec.Interfaces.Where(i => i.Address is not null))
            {
                var m = Regex.Match(addrs, $@"\d+: {nic.GuestName}\s+inet (?<cidr>\S+) brd (?<brd>\S+) ");
                m.Success.Should().BeTrue($"{spec.Name} {nic.GuestName} should have {nic.Address} with a broadcast; got:\n{addrs}");
                m.Groups["cidr"].Value.Should().Be(nic.Address);
                m.Groups["brd"].Value.Should().Be(Broadcast(nic.Address!));
            }
        }
    }

    [Fact]
    public async Task Nodes_ping_each_other_on_every_network()
    {
        var pings = new (string From, string To)[]
        {
            ("otter", "172.16.1.2"), ("otter", "10.0.0.2"), ("otter", "192.168.1.3"), ("otter", "192.168.2.3"),
            ("weasel", "10.0.0.1"), ("badger", "192.168.1.2"), ("badger", "192.168.2.2"), ("badger", "192.168.1.3"),
            ("badger", "192.168.2.3"), ("badger", "172.16.1.1"),
        };
        foreach (var (from, to) in pings)
        {
            var r = await Node(from).ExecAsync($"ping -c 2 -W 3 {to}", TimeSpan.FromSeconds(30), Ct);
            r.ExitCode.Should().Be(0, $"{from} should reach {to}:\n{r.StandardOutput}{r.StandardError}");
        }
    }

    [Fact]
    public async Task The_serial_cable_carries_bytes_from_otter_to_weasel_on_ttyS1()
    {
        var device = Lab.Topology.Serial!.GuestDevice;
        device.Should().Be("/dev/ttyS1");
        var mark = "MARK-" + Guid.NewGuid().ToString("N")[..12];
        await Node("otter").RunAsync($"stty -F {device} raw -echo", ct: Ct);
        var before = Lab.SerialRelay!.Counters;
        var reader = Node("weasel").ExecAsync($"stty -F {device} raw -echo && timeout 40 grep -a -m1 -o {mark} {device}", TimeSpan.FromSeconds(60), Ct);
        // Send until the reader has it: the reader may open the port after the first line was sent.
        await Wait.UntilAsync("weasel reads the mark otter writes on its serial port",
            async t =>
            {
                if (reader.IsCompleted) return Probe.Yes("read");
                await Node("otter").RunAsync($"echo {mark} > {device}", ct: t);
                return Probe.No("not read yet");
            },
            TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(1), ct: Ct);
        var r = await reader;
        r.StandardOutput.Should().Contain(mark, $"weasel's {device} should carry what otter wrote; stderr: {r.StandardError}");
        var after = Lab.SerialRelay.Counters;
        output.WriteLine(after.ToString());
        after.Since(before).AToB.Forwarded.Should().BeGreaterThan(mark.Length);
    }

    [Fact]
    public async Task Power_off_freezes_and_kills_weasel_and_power_on_boots_it_with_its_disks_as_they_were()
    {
        var mark = Guid.NewGuid().ToString("N");
        await Node("weasel").RunAsync(
            $"echo {mark} > /root/power-mark && printf '{mark}' | dd of=/dev/ubdb bs=512 seek=100 conv=fsync status=none && sync", ct: Ct);
        var pgid = Lab.ProcessGroupOf("weasel");
        pgid.Should().NotBeNull();
        ProcessTable.LiveGroupMembers(pgid!.Value).Count.Should().BeGreaterThan(3, "a running UML node is many host processes");
        try
        {
            await Lab.Outlets.PowerOffAsync("weasel", Ct);
            Lab.Outlets.IsPowered("weasel").Should().BeFalse();
            Lab.ProcessGroupOf("weasel").Should().BeNull();
            ProcessTable.LiveGroupMembers(pgid.Value).Should().BeEmpty("power off kills the node's whole process group");
            var ping = await Node("otter").ExecAsync("ping -c 2 -W 2 172.16.1.2", TimeSpan.FromSeconds(30), Ct);
            ping.ExitCode.Should().NotBe(0, "a node without power answers nothing");
        }
        finally
        {
            await Lab.Outlets.PowerOnAsync("weasel", Ct);
            await Lab.WaitForSshAsync("weasel", ct: Ct);
        }

        Lab.Outlets.IsPowered("weasel").Should().BeTrue();
        Lab.ProcessGroupOf("weasel").Should().NotBe(pgid);
        (await Node("weasel").RunAsync("cat /root/power-mark", ct: Ct)).Trim().Should().Be(mark, "the root disk keeps what was synced");
        (await Node("weasel").RunAsync("dd if=/dev/ubdb bs=512 skip=100 count=1 status=none | head -c 32", ct: Ct)).Should().Be(mark,
            "the data disk keeps what was written");
        (await Node("weasel").RunAsync("ip -4 -o addr show eth1", ct: Ct)).Should().Contain("10.0.0.2/24 brd 10.0.0.255");
        output.WriteLine(Lab.ConsoleTail("weasel", 5));
    }

    [Fact]
    public async Task Switch_b_without_power_cuts_storage_network_b_only()
    {
        try
        {
            await Lab.Outlets.PowerOffAsync("switch-b", Ct);
            Lab.Outlets.IsPowered("switch-b").Should().BeFalse();
            (await Node("badger").ExecAsync("ping -c 2 -W 2 192.168.2.3", TimeSpan.FromSeconds(30), Ct)).ExitCode.Should().NotBe(0);
            (await Node("badger").ExecAsync("ping -c 1 -W 3 192.168.1.3", TimeSpan.FromSeconds(30), Ct)).ExitCode.Should().Be(0);
        }
        finally
        {
            await Lab.Outlets.PowerOnAsync("switch-b", Ct);
        }

        Lab.Outlets.IsPowered("switch-b").Should().BeTrue();
        await PingsAsync("badger", "192.168.2.3");
    }

    [Fact]
    public async Task A_cut_cable_stops_frames_on_that_link_only()
    {
        try
        {
            await Lab.Cables.CutAsync("weasel", "eth2", Ct);
            Lab.Cables.IsCut("weasel", "eth2").Should().BeTrue();
            (await Node("badger").ExecAsync("ping -c 2 -W 2 192.168.1.3", TimeSpan.FromSeconds(30), Ct)).ExitCode.Should().NotBe(0);
            (await Node("badger").ExecAsync("ping -c 1 -W 3 192.168.2.3", TimeSpan.FromSeconds(30), Ct)).ExitCode.Should().Be(0);
            (await Node("weasel").RunAsync("cat /sys/class/net/eth2/carrier", ct: Ct)).Trim().Should().Be("1",
                "UML's NIC keeps its carrier: the cut is seen as frames not passing");
        }
        finally
        {
            await Lab.Cables.RestoreAsync("weasel", "eth2", Ct);
        }

        await PingsAsync("badger", "192.168.1.3");
    }

    [Fact]
    public async Task The_root_namespace_has_no_lab_address_or_route_while_the_lab_runs()
    {
        var now = await HostNetworkSnapshot.TakeAsync(Ct);
        HostNetworkSnapshot.Gained(fixture.Before!, now).Should().BeEmpty();
        now.LabRanges().Except(fixture.Before!.LabRanges()).Should().BeEmpty();
    }

    private async Task PingsAsync(string from, string to) =>
        await Wait.UntilAsync($"{from} reaches {to} again",
            async t =>
            {
                var r = await Node(from).ExecAsync($"ping -c 1 -W 2 {to}", TimeSpan.FromSeconds(15), t);
                return r.Succeeded ? Probe.Yes("answered") : Probe.No(r.StandardOutput.Trim());
            },
            TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(1), ct: Ct);

    private static string Broadcast(string cidr)
    {
        var parts = cidr.Split('/');
        var bytes = IPAddress.Parse(parts[0]).GetAddressBytes();
        var prefix = int.Parse(parts[1]);
        var addr = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var brd = addr | (prefix == 32 ? 0u : uint.MaxValue >> prefix);
        return new IPAddress(new[] { (byte)(brd >> 24), (byte)(brd >> 16), (byte)(brd >> 8), (byte)brd }).ToString();
    }
}
