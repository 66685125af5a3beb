using System.Net;
using FluentAssertions;
using PacketDotNet;
using SanChaos.Observers.Capture;
using Xunit;
using static SanChaos.Observers.Tests.Capture.CaptureFixtures;

namespace SanChaos.Observers.Tests.Capture;

[Trait("Category", "unit")]
public sealed class ArpDecoderTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Fact]
    public async Task Decodes_the_recorded_takeover()
    {
        var frames = await PcapReader.ReadFileAsync(PathOf("arp-takeover-us.pcap"), TestContext.Current.CancellationToken);

        var arp = frames.Select(f => ArpDecoder.Decode(f, "storage-a")!).ToArray();

        arp.Select(a => a.Kind).Should().Equal(
            ArpKind.Request, ArpKind.Reply, // badger resolves .1: otter answers
            ArpKind.GratuitousRequest, ArpKind.GratuitousReply, // weasel announces .1 (send_arp)
            ArpKind.Request, ArpKind.Reply, ArpKind.Request, ArpKind.Reply, ArpKind.Request, ArpKind.Reply,
            ArpKind.Request, ArpKind.Request, ArpKind.Request); // .99 never answers
        arp[1].Should().BeEquivalentTo(new
        {
            Network = "storage-a", SenderMac = OtterA, SenderIp = IPAddress.Parse("192.168.1.1"), TargetMac = BadgerA,
            TargetIp = IPAddress.Parse("192.168.1.10"), EthernetDestination = BadgerA, EthernetSource = OtterA, Form = "reply",
        });
        arp[2].Should().BeEquivalentTo(new { SenderMac = WeaselA, SenderIp = IPAddress.Parse("192.168.1.1"), EthernetDestination = "ff:ff:ff:ff:ff:ff", Form = "request", IsGratuitous = true });
        arp[3].Should().BeEquivalentTo(new { SenderMac = WeaselA, TargetMac = "ff:ff:ff:ff:ff:ff", Form = "reply", IsGratuitous = true });
        arp[3].Time.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1795966714).AddTicks(3305890));
    }

    [Theory]
    [InlineData(ArpOperation.Request, "192.168.1.1", "192.168.1.1", "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", ArpKind.GratuitousRequest)]
    [InlineData(ArpOperation.Request, "192.168.1.10", "192.168.1.1", "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", ArpKind.Request)]
    [InlineData(ArpOperation.Request, "0.0.0.0", "192.168.1.1", "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", ArpKind.Probe)]
    [InlineData(ArpOperation.Response, "192.168.1.1", "192.168.1.1", "ff:ff:ff:ff:ff:ff", "ff:ff:ff:ff:ff:ff", ArpKind.GratuitousReply)]
    [InlineData(ArpOperation.Response, "192.168.1.1", "192.168.1.1", WeaselA, WeaselA, ArpKind.GratuitousReply)] // arping -A to one host
    [InlineData(ArpOperation.Response, "192.168.1.1", "192.168.1.10", "ff:ff:ff:ff:ff:ff", BadgerA, ArpKind.GratuitousReply)] // broadcast reply
    [InlineData(ArpOperation.Response, "192.168.1.1", "192.168.1.10", BadgerA, "ff:ff:ff:ff:ff:ff", ArpKind.GratuitousReply)] // broadcast target MAC
    [InlineData(ArpOperation.Response, "192.168.1.1", "192.168.1.10", BadgerA, BadgerA, ArpKind.Reply)]
    public void Classifies(ArpOperation op, string senderIp, string targetIp, string ethDst, string targetMac, ArpKind expected)
    {
        var frame = TestNetwork.Arp(op, WeaselA, senderIp, targetMac, targetIp, ethDst);

        ArpDecoder.Decode(frame, T, "storage-a")!.Kind.Should().Be(expected);
    }

    [Fact]
    public void Ignores_what_is_not_untagged_ethernet_arp()
    {
        var arp = TestNetwork.Arp(ArpOperation.Request, WeaselA, "192.168.1.1", "00:00:00:00:00:00", "192.168.1.1", "ff:ff:ff:ff:ff:ff");
        var tagged = arp[..12].Concat(new byte[] { 0x81, 0x00, 0x00, 0x05 }).Concat(arp[12..]).ToArray();
        var ipv4 = arp[..12].Concat(new byte[] { 0x08, 0x00 }).Concat(arp[14..]).ToArray();
        var rarp = (byte[])arp.Clone();
        rarp[21] = 3;

        ArpDecoder.Decode(tagged, T, "a").Should().BeNull("VLAN-tagged frames are not decoded");
        ArpDecoder.Decode(ipv4, T, "a").Should().BeNull();
        ArpDecoder.Decode(rarp, T, "a").Should().BeNull("RARP is not ARP");
        ArpDecoder.Decode(arp[..20], T, "a").Should().BeNull("a truncated frame");
        ArpDecoder.Decode([], T, "a").Should().BeNull();
    }
}
