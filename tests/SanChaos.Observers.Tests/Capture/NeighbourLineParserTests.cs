using System.Net;
using FluentAssertions;
using SanChaos.Observers.Capture;
using Xunit;
using static SanChaos.Observers.Tests.Capture.CaptureFixtures;

namespace SanChaos.Observers.Tests.Capture;

[Trait("Category", "unit")]
public sealed class NeighbourLineParserTests
{
    [Fact]
    public void Parses_the_recorded_monitor_output_of_a_takeover()
    {
        var entries = Lines("ip-monitor-neigh.txt").Select(NeighbourLineParser.Parse).ToArray();

        entries.Should().NotContainNulls();
        entries.Select(e => e!.ToString()).Should().Equal(
            "192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 REACHABLE",
            "192.168.1.1 dev eth1 lladdr 52:54:00:02:02:01 STALE",
            "192.168.1.2 dev eth1 lladdr 52:54:00:01:02:01 STALE",
            "192.168.1.1 dev eth1 lladdr 52:54:00:02:02:01 PROBE",
            "192.168.1.1 dev eth1 lladdr 52:54:00:02:02:01 REACHABLE",
            "192.168.1.99 dev eth1 FAILED",
            "192.168.1.50 dev eth1 lladdr 52:54:00:09:09:09 PERMANENT",
            "192.168.1.50 dev eth1 FAILED",
            "Deleted 192.168.1.50 dev eth1 FAILED",
            "192.168.1.2 dev eth1 FAILED",
            "Deleted 192.168.1.2 dev eth1 FAILED",
            "192.168.1.1 dev eth1 FAILED",
            "Deleted 192.168.1.1 dev eth1 FAILED",
            "Deleted 192.168.1.99 dev eth1 FAILED");
        entries[0]!.Usable.Should().BeTrue();
        entries[5]!.Usable.Should().BeFalse("a FAILED entry has no MAC to use");
        entries[8]!.Should().BeEquivalentTo(new { Deleted = true, Mac = (string?)null, Device = "eth1", Usable = false });
    }

    [Fact]
    public void Parses_the_timestamped_monitor_output_to_the_same_entries()
    {
        var plain = Lines("ip-monitor-neigh.txt").Select(l => NeighbourLineParser.Parse(l)!.ToString());
        var stamped = Lines("ip-ts-monitor-neigh.txt").Select(NeighbourLineParser.Parse).ToArray();

        stamped.Select(e => e!.ToString()).Should().Equal(plain);
        stamped[1]!.NodeTimestamp.Should().Be("2026-11-29T15:38:34.230413", "60 us after weasel's gratuitous request in arp-takeover-us.pcap");
    }

    [Fact]
    public void Parses_neigh_show_before_and_after_the_takeover()
    {
        var before = NeighbourLineParser.Parse(Lines("ip-neigh-show-before.txt").Single())!;
        var after = NeighbourLineParser.Parse(Lines("ip-neigh-show-after.txt").Single())!;

        before.Should().BeEquivalentTo(new { Address = IPAddress.Parse("192.168.1.1"), Mac = OtterA, State = "REACHABLE", Deleted = false });
        after.Should().BeEquivalentTo(new { Address = IPAddress.Parse("192.168.1.1"), Mac = WeaselA, State = "STALE" });
    }

    [Theory]
    [InlineData("[NEIGH]192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 REACHABLE", null)] // not a separate token: not ours
    [InlineData("[NEIGH] 192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 REACHABLE", "192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 REACHABLE")]
    [InlineData("fe80::5054:ff:fe01:201 dev eth1 lladdr 52:54:00:01:02:01 router STALE", "fe80::5054:ff:fe01:201 dev eth1 lladdr 52:54:00:01:02:01 router STALE")]
    [InlineData("192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 ref 1 used 10/5/3 probes 1 REACHABLE", "192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 REACHABLE")]
    [InlineData("192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 extern_learn NOARP", "192.168.1.1 dev eth1 lladdr 52:54:00:01:02:01 NOARP")]
    [InlineData("192.168.1.1 dev eth1  INCOMPLETE", "192.168.1.1 dev eth1 INCOMPLETE")]
    [InlineData("sanchaos-neigh-ready", null)]
    [InlineData("", null)]
    [InlineData("Deleted", null)]
    public void Parses_variants_iproute2_prints(string line, string? expected)
    {
        NeighbourLineParser.Parse(line)?.ToString().Should().Be(expected);
        if (expected is null) NeighbourLineParser.Parse(line).Should().BeNull();
    }
}
