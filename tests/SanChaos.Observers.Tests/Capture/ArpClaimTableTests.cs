using System.Net;
using FluentAssertions;
using SanChaos.Observers.Capture;
using Xunit;
using static SanChaos.Observers.Tests.Capture.CaptureFixtures;

namespace SanChaos.Observers.Tests.Capture;

[Trait("Category", "unit")]
public sealed class ArpClaimTableTests
{
    private static readonly IPAddress Floating = IPAddress.Parse("192.168.1.1");

    [Fact]
    public async Task Records_who_announced_the_floating_ip_and_when()
    {
        var macs = MacDirectory.FromInventory(Embedded());
        var table = new ArpClaimTable();
        var frames = await PcapReader.ReadFileAsync(PathOf("arp-takeover-us.pcap"), TestContext.Current.CancellationToken);

        var claims = frames.Select(f => ArpDecoder.Decode(f, "storage-a")!).Select(a => table.Add(a, macs)).OfType<ArpClaim>().ToArray();

        claims.Should().HaveCount(2);
        table.For(Floating).Select(c => (c.Node, c.Mac, c.Form, c.Network)).Should().Equal(
            ("weasel", WeaselA, "request", "storage-a"), ("weasel", WeaselA, "reply", "storage-a"));
        var resolved = frames[0].Time; // badger's first request, before the takeover
        table.FirstAfter(Floating, resolved)!.Time.Should().Be(frames[2].Time);
        table.FirstAfter(Floating, frames[3].Time).Should().BeNull();
        table.FirstAfter(Floating, resolved, "storage-b").Should().BeNull();
        table.LastAtOrBefore(Floating, frames[^1].Time)!.Form.Should().Be("reply");
        table.ToString().Should().Contain("192.168.1.1 claimed by weasel (52:54:00:02:02:01, gratuitous request)");
    }

    [Fact]
    public void An_unknown_mac_is_recorded_without_a_node()
    {
        var table = new ArpClaimTable();
        var f = ArpDecoder.Decode(TestNetwork.SendArp("02:00:00:00:00:99", "192.168.1.1")[0], DateTimeOffset.UnixEpoch, "storage-a")!;

        table.Add(f, MacDirectory.FromInventory(Embedded()))!.Node.Should().BeNull();
    }

    [Fact]
    public void Mac_directory_normalises_and_merges()
    {
        var d = MacDirectory.FromInventory(Embedded()).With([("02-00-00-00-00-AA", "pdu", "eth0")]);

        d.NodeOf("52:54:00:01:02:01").Should().Be("otter");
        d.NodeOf("52:54:00:02:03:01".ToUpperInvariant()).Should().Be("weasel");
        d.OwnerOf("02:00:00:00:00:aa").Should().Be(("pdu", "eth0"));
        d.NodeOf("52:54:00:99:99:99").Should().BeNull();
    }
}
