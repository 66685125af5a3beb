using System.Net;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Labs;
using SanChaos.Observers.Capture;
using Xunit;
using static SanChaos.Observers.Tests.Capture.CaptureFixtures;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>
/// The two observers on a takeover played in throw-away namespaces with the embedded lab's inventory: otter holds the
/// floating IPs, badger resolves 192.168.1.1, then weasel takes both and announces them as send_arp does.
/// </summary>
[Trait("Category", "netns")]
public sealed class ObserverTests : CaptureTestBase
{
    private static readonly IPAddress FloatingA = IPAddress.Parse("192.168.1.1");
    private static readonly IPAddress FloatingB = IPAddress.Parse("192.168.2.1");
    private static async Task<TestNetwork> SanAsync()
    {
        var net = await TestNetwork.CreateAsync("br-a", "br-b");
        try
        {
            await net.AddHostAsync("otter", "eth2", "br-a", OtterA, "192.168.1.2/24", "192.168.1.1/24");
            await net.AddHostAsync("otter", "eth3", "br-b", OtterB, "192.168.2.2/24", "192.168.2.1/24");
            await net.AddHostAsync("weasel", "eth2", "br-a", WeaselA, "192.168.1.3/24");
            await net.AddHostAsync("weasel", "eth3", "br-b", WeaselB, "192.168.2.3/24");
            await net.AddHostAsync("badger", "eth1", "br-a", BadgerA, "192.168.1.10/24");
            await net.AddHostAsync("badger", "eth2", "br-b", BadgerB, "192.168.2.10/24");
            return net;
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }
    }

    /// <summary>otter gives the floating IPs up, weasel takes them and announces each (request, then reply).</summary>
    private static async Task TakeoverAsync(TestNetwork net)
    {
        await TestNetwork.Ip(net.HostNamespace("otter"), "addr", "del", "192.168.1.1/24", "dev", "eth2");
        await TestNetwork.Ip(net.HostNamespace("otter"), "addr", "del", "192.168.2.1/24", "dev", "eth3");
        await TestNetwork.Ip(net.HostNamespace("weasel"), "addr", "add", "192.168.1.1/24", "dev", "eth2");
        await TestNetwork.Ip(net.HostNamespace("weasel"), "addr", "add", "192.168.2.1/24", "dev", "eth3");
        await net.InjectAsync("weasel", "eth2", TestNetwork.SendArp(WeaselA, "192.168.1.1"));
        await net.InjectAsync("weasel", "eth3", TestNetwork.SendArp(WeaselB, "192.168.2.1"));
    }

    [Fact]
    public async Task Capture_observer_records_claims_replies_and_counters_per_storage_network()
    {
        await using var net = await SanAsync();
        var run = new RunContext();
        var context = new ObserverContext(run, Embedded(), new Dictionary<string, INode>(), Dir);
        var observer = new CaptureObserver(CaptureObserverOptions.ForPoints(
            CapturePoint.InNamespace("storage-a", net.Switch, "br-a"), CapturePoint.InNamespace("storage-b", net.Switch, "br-b")));
        await observer.StartAsync(context, Ct);
        DateTimeOffset beforeTakeover;
        try
        {
            await net.InjectAsync("otter", "eth2", TestNetwork.SendArp(OtterA, "192.168.1.1"));
            await net.InjectAsync("otter", "eth3", TestNetwork.SendArp(OtterB, "192.168.2.1"));
            await net.SendUdpAsync("badger", "192.168.1.1");
            await UntilAsync("otter's announcements and its reply", () => observer.Frames.Count >= 6);
            beforeTakeover = observer.Frames.Max(f => f.Time);
            await TakeoverAsync(net);
            await UntilAsync("weasel's announcements", () => observer.Claims.All.Count >= 8);
        }
        finally
        {
            await observer.StopAsync(Ct);
        }

        observer.Artifacts.Should().BeEquivalentTo([Path.Combine(Dir, "capture-storage-a.pcap"), Path.Combine(Dir, "capture-storage-b.pcap")]);
        observer.Artifacts.Should().OnlyContain(f => File.Exists(f));

        observer.Claims.FirstAfter(FloatingA, beforeTakeover, "storage-a")!.Should().BeEquivalentTo(new { Node = "weasel", Mac = WeaselA, Form = "request" });
        observer.Claims.FirstAfter(FloatingB, beforeTakeover, "storage-b")!.Node.Should().Be("weasel");
        observer.Claims.For(FloatingB).Select(c => (c.Node, c.Form)).Should().Equal(("otter", "request"), ("otter", "reply"), ("weasel", "request"), ("weasel", "reply"));

        var events = run.History.Events;
        var garps = events.Where(e => e.Kind == NetEventKinds.Garp).ToArray();
        garps.Should().HaveCount(8).And.OnlyContain(e => e.Source == "capture");
        garps.Where(e => e.Data[NetEventKeys.Network] == "storage-a").Select(e => (e.Data[NetEventKeys.Node], e.Data[NetEventKeys.Form], e.Data[NetEventKeys.Ip]))
            .Should().Equal(("otter", "request", "192.168.1.1"), ("otter", "reply", "192.168.1.1"), ("weasel", "request", "192.168.1.1"), ("weasel", "reply", "192.168.1.1"));
        garps[0].Data.Should().ContainKeys(NetEventKeys.Mac, NetEventKeys.TargetIp, NetEventKeys.TargetMac, NetEventKeys.EthernetDestination);
        garps.Select(e => e.Wall).Should().BeEquivalentTo(observer.Claims.All.Select(c => c.Time), "events carry the packets' capture time");

        var reply = events.Should().ContainSingle(e => e.Kind == NetEventKinds.ArpReply).Subject;
        reply.Data.Should().Contain(new Dictionary<string, string>
        {
            [NetEventKeys.Ip] = "192.168.1.1", [NetEventKeys.Mac] = OtterA, [NetEventKeys.Node] = "otter", [NetEventKeys.Network] = "storage-a",
            [NetEventKeys.TargetIp] = "192.168.1.10", [NetEventKeys.TargetNode] = "badger",
        });

        var stats = events.Where(e => e.Kind == NetEventKinds.CaptureStats).ToArray();
        stats.Select(e => e.Data[NetEventKeys.Network]).Should().BeEquivalentTo(["storage-a", "storage-b"]);
        stats.Should().OnlyContain(e => e.Data[NetEventKeys.Dropped] == "0" && e.Data[NetEventKeys.Error] == "");
        stats.Should().OnlyContain(e => long.Parse(e.Data[NetEventKeys.Received]) >= 4 && long.Parse(e.Data[NetEventKeys.Received]) <= long.Parse(e.Data[NetEventKeys.Packets]),
            "every frame the kernel passed the filter is in the file");
        observer.Stats.Should().OnlyContain(s => s.Complete);
    }

    [Fact]
    public async Task Neighbour_observer_follows_which_mac_the_client_uses_for_a_floating_ip()
    {
        await using var net = await SanAsync();
        var run = new RunContext();
        var badger = new FakeStreamingNode("badger", net.HostNamespace("badger"));
        var context = new ObserverContext(run, Embedded(), new Dictionary<string, INode> { ["badger"] = badger }, Dir);
        var observer = new NeighbourObserver();
        await observer.StartAsync(context, Ct);
        DateTimeOffset resolved, movedAt;
        try
        {
            await net.SendUdpAsync("badger", "192.168.1.1");
            await net.SendUdpAsync("badger", "192.168.1.2"); // not a floating IP: not recorded
            await UntilAsync("badger resolved .1 to otter", () => observer.MacAt("badger", FloatingA, DateTimeOffset.UtcNow) == OtterA);
            resolved = DateTimeOffset.UtcNow;
            await Task.Delay(1100, Ct); // the kernel ignores a new lladdr within locktime (1 s) of the last update
            movedAt = DateTimeOffset.UtcNow;
            await TakeoverAsync(net);
            await UntilAsync("badger follows weasel's announcement", () => observer.MacAt("badger", FloatingA, DateTimeOffset.UtcNow) == WeaselA);
        }
        finally
        {
            await observer.StopAsync(Ct);
        }

        badger.Started.Should().ContainSingle().Which.Should().Contain("ip -o monitor neigh");
        observer.MacChanges("badger", FloatingA).Select(o => (o.Entry.Mac, o.Node, o.Entry.State)).Should().Equal(
            (OtterA, "otter", "REACHABLE"), (WeaselA, "weasel", "STALE"));
        observer.MacAt("badger", FloatingA, resolved).Should().Be(OtterA);
        observer.MacChanges("badger", FloatingA)[1].Time.Should().BeAfter(movedAt);
        observer.Observations.Should().OnlyContain(o => o.Entry.Address.Equals(FloatingA) || o.Entry.Address.Equals(FloatingB));
        observer.Problems.Should().BeEmpty();

        var events = run.History.Events.Where(e => e.Kind == NetEventKinds.Neigh).ToArray();
        events.Select(e => (e.Data[NetEventKeys.Ip], e.Data[NetEventKeys.Node], e.Data[NetEventKeys.State])).Should().StartWith(
            [("192.168.1.1", "otter", "REACHABLE"), ("192.168.1.1", "weasel", "STALE")]);
        events.Should().OnlyContain(e => e.Source == "neigh" && e.Data[NetEventKeys.Client] == "badger" && e.Data[NetEventKeys.Deleted] == "false");
        var log = File.ReadAllLines(observer.Artifacts.Single());
        log.Should().Contain(l => l.EndsWith("192.168.1.2 dev eth1 lladdr 52:54:00:01:02:01 REACHABLE ", StringComparison.Ordinal), "the raw log keeps every line");
    }

    [Fact]
    public async Task Neighbour_observer_says_when_the_client_cannot_stream()
    {
        var context = new ObserverContext(new RunContext(), Embedded(), new Dictionary<string, INode>(), Dir);

        var act = () => new NeighbourObserver().StartAsync(context, Ct);

        (await act.Should().ThrowAsync<Core.Errors.SanChaosException>()).WithMessage("*no node 'badger'*");
    }
}
