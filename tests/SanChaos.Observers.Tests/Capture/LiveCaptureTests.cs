using System.Collections.Concurrent;
using System.Net;
using FluentAssertions;
using PacketDotNet;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;
using SanChaos.Observers.Capture;
using Xunit;
using static SanChaos.Observers.Tests.Capture.CaptureFixtures;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>Real captures on a bridge inside a throw-away namespace, with real ARP from the kernel and injected announcements.</summary>
[Trait("Category", "netns")]
public sealed class LiveCaptureTests : CaptureTestBase
{
    private static byte[] BroadcastReply => TestNetwork.Arp(ArpOperation.Response, WeaselA, "192.168.1.1", BadgerA, "192.168.1.10", "ff:ff:ff:ff:ff:ff");

    [Fact]
    public async Task Captures_kernel_arp_and_announcements_on_a_bridge_in_a_namespace()
    {
        await using var net = await TestNetwork.StorageAAsync();
        var file = Path.Combine(Dir, "capture-storage-a.pcap");
        var seen = new ConcurrentQueue<ArpFrame>();
        var before = DateTimeOffset.UtcNow;
        var capture = await NetworkCapture.StartAsync(CapturePoint.InNamespace("storage-a", net.Switch, "br-a"), file, onArp: seen.Enqueue, ct: Ct);
        CaptureStats stats;
        try
        {
            await net.SendUdpAsync("badger", "192.168.1.1"); // the kernel's request and otter's ordinary (unicast) reply
            await net.InjectAsync("weasel", "eth2", [.. TestNetwork.SendArp(WeaselA, "192.168.1.1"), BroadcastReply]);
            await UntilAsync("5 ARP frames captured", () => seen.Count >= 5);
        }
        finally
        {
            stats = await capture.StopAsync(Ct);
        }

        var after = DateTimeOffset.UtcNow;
        var frames = seen.ToArray();
        frames.Should().ContainSingle(f => f.Kind == ArpKind.Request && f.SenderMac == BadgerA && f.TargetIp.Equals(IPAddress.Parse("192.168.1.1")));
        frames.Should().ContainSingle(f => f.Kind == ArpKind.Reply && f.SenderMac == OtterA && f.EthernetDestination == BadgerA,
            "a unicast reply between two other ports reaches a promiscuous capture on the bridge");
        frames.Should().ContainSingle(f => f.Kind == ArpKind.GratuitousRequest && f.SenderMac == WeaselA);
        frames.Where(f => f.Kind == ArpKind.GratuitousReply && f.SenderMac == WeaselA).Should().HaveCount(2, "send_arp's reply and the broadcast reply");
        frames.Should().OnlyContain(f => f.Network == "storage-a" && f.Time >= before.AddSeconds(-1) && f.Time <= after.AddSeconds(1));
        frames.Should().OnlyContain(f => f.Time.Ticks % 10 == 0, "microsecond timestamps");
        frames.Should().Contain(f => f.Time.Ticks % 10_000 != 0, "timestamps finer than a millisecond");

        stats.Should().BeEquivalentTo(new { Network = "storage-a", Dropped = 0L, InterfaceDropped = 0L, Error = (string?)null, File = file });
        stats.Packets.Should().Be(frames.Length);
        stats.Received.Should().BeInRange(5, stats.Packets, "every frame the kernel passed the filter is in the file");
        stats.Point.Should().Be($"br-a in namespace {net.Switch}");

        var tcpdump = await HostCommand.RunCheckedAsync(["tcpdump", "-r", file, "-n", "-tt"], ct: Ct);
        tcpdump.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(frames.Length);
        tcpdump.StandardOutput.Should().Contain("Reply 192.168.1.1 is-at 52:54:00:01:02:01");

        var readBack = (await PcapReader.ReadFileAsync(file, Ct)).Select(f => ArpDecoder.Decode(f, "storage-a"));
        readBack.Should().Equal(frames, "the stream reader reads the file back to the same frames and times");
    }

    [Fact]
    public async Task Timestamps_match_tcpdump_on_the_same_bridge_within_a_millisecond()
    {
        await using var net = await TestNetwork.StorageAAsync();
        var theirs = Path.Combine(Dir, "tcpdump.pcap");
        net.StartProcess(["ip", "netns", "exec", net.Switch, "tcpdump", "-i", "br-a", "-U", "--immediate-mode", "-w", theirs, "arp"]);
        await Wait.UntilAsync("tcpdump writes its header", _ => Task.FromResult(File.Exists(theirs) && new FileInfo(theirs).Length >= 24 ? Probe.Yes() : Probe.No("no file yet")),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), ct: Ct);
        var ours = Path.Combine(Dir, "ours.pcap");
        var capture = await NetworkCapture.StartAsync(CapturePoint.InNamespace("storage-a", net.Switch, "br-a"), ours, ct: Ct);
        try
        {
            for (var i = 0; i < 20; i++)
            {
                await net.InjectAsync("weasel", "eth2", TestNetwork.SendArp(WeaselA, "192.168.1.1"));
                await Task.Delay(10, Ct);
            }

            await Wait.UntilAsync("tcpdump wrote 40 frames", async t => (await PcapReader.ReadFileAsync(theirs, t)).Count >= 40 ? Probe.Yes() : Probe.No("fewer"),
                TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), ct: Ct);
        }
        finally
        {
            await capture.StopAsync(Ct);
        }

        var a = await PcapReader.ReadFileAsync(ours, Ct);
        var b = await PcapReader.ReadFileAsync(theirs, Ct);
        a.Should().HaveCount(40);
        b.Should().HaveCount(40);
        var gaps = a.Zip(b, (x, y) => Math.Abs(x.UnixNanoseconds - y.UnixNanoseconds) / 1000.0).ToArray();
        a.Zip(b).Should().OnlyContain(p => p.First.Data.SequenceEqual(p.Second.Data), "the same frames in the same order");
        TestContext.Current.TestOutputHelper?.WriteLine($"capture vs tcpdump, |difference| in us: max {gaps.Max()}, mean {gaps.Average():0.###}");
        gaps.Max().Should().BeLessThan(1000, $"capture and tcpdump stamp the same frames (gaps in us: {string.Join(", ", gaps)})");
    }

    [Fact]
    public async Task Streams_tcpdump_from_a_capture_host_through_the_same_reader_and_decoder()
    {
        await using var net = await TestNetwork.StorageAAsync();
        var host = new FakeStreamingNode("capture-host", net.Switch);
        var file = Path.Combine(Dir, "capture-storage-a.pcap");

        var (seen, stats) = await AnnounceAndResolveAsync(net, CapturePoint.Remote("storage-a", host, "br-a"), file);

        host.Started.Should().ContainSingle().Which.Should().StartWith("exec tcpdump -i br-a -U -w - ");
        seen.Select(f => f.Kind).Should().BeEquivalentTo([ArpKind.GratuitousRequest, ArpKind.GratuitousReply, ArpKind.Request, ArpKind.Reply]);
        seen.Should().OnlyContain(f => f.Time.Ticks % 10 == 0 && f.Network == "storage-a");
        stats.Should().BeEquivalentTo(new { Received = 4L, Dropped = 0L, Packets = 4L, ArpFrames = 4L, Error = (string?)null },
            "tcpdump's own counters, printed when it was stopped");
        stats.Point.Should().Be("br-a on capture-host (tcpdump over SSH)");
        (await PcapReader.ReadFileAsync(file, Ct)).Should().HaveCount(4);
    }

    [Fact]
    public async Task A_missing_interface_or_namespace_is_named_in_the_error()
    {
        await using var net = await TestNetwork.CreateAsync("br-a");

        var noIf = () => NetworkCapture.StartAsync(CapturePoint.InNamespace("storage-a", net.Switch, "br-x"), Path.Combine(Dir, "x.pcap"), ct: Ct);
        var noNs = () => NetworkCapture.StartAsync(CapturePoint.InNamespace("storage-a", net.Switch + "-gone", "br-a"), Path.Combine(Dir, "y.pcap"), ct: Ct);
        var badFilter = () => NetworkCapture.StartAsync(CapturePoint.InNamespace("storage-a", net.Switch, "br-a"), Path.Combine(Dir, "z.pcap"),
            new CaptureOptions { Filter = "arp and nonsense" }, ct: Ct);

        (await noIf.Should().ThrowAsync<SanChaosException>()).WithMessage($"*no interface 'br-x'*br-a*ip -n {net.Switch} link*");
        (await noNs.Should().ThrowAsync<SanChaosException>()).WithMessage($"*namespace '{net.Switch}-gone' does not exist*");
        (await badFilter.Should().ThrowAsync<SanChaosException>()).WithMessage("*filter 'arp and nonsense'*tcpdump -d*");
    }
}
