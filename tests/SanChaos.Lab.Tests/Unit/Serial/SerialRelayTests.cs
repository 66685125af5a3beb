using Xunit;
using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Serial;

namespace SanChaos.Lab.Tests.Unit.Serial;

[Trait("Category", "unit")]
public sealed class SerialRelayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task Until(string what, Func<bool> condition) =>
        Wait.UntilAsync(what, _ => Task.FromResult(condition() ? Probe.Yes() : Probe.No("not yet")),
            TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(5), ct: Ct);

    [Fact]
    public void Carries_every_byte_value_unchanged_both_ways_even_if_the_node_leaves_the_line_cooked()
    {
        using var relay = SerialRelay.Start("otter", "weasel");
        // raw: false — the relay's own raw settings apply to the line, whatever the node does.
        using var otter = new NodePort(relay.SlavePathA, raw: false);
        using var weasel = new NodePort(relay.SlavePathB, raw: false);
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        otter.Write(all);
        weasel.Read(all.Length).Should().Equal(all);

        var back = all.Reverse().ToArray();
        weasel.Write(back);
        otter.Read(back.Length).Should().Equal(back);

        // No echo: nothing came back to the senders.
        otter.Read(1, timeoutMs: 50).Should().BeEmpty();
        weasel.Read(1, timeoutMs: 50).Should().BeEmpty();
        relay.Counters.ForwardedAToB.Should().Be(256);
        relay.Counters.ForwardedBToA.Should().Be(256);
        relay.SlavePathOf("otter").Should().Be(relay.SlavePathA);
        relay.SlavePathOf("weasel").Should().Be(relay.SlavePathB);
    }

    [Fact]
    public async Task A_pulled_cable_drops_bytes_both_ways_and_plugging_it_back_carries_them_again()
    {
        using var relay = SerialRelay.Start("otter", "weasel");
        using var otter = new NodePort(relay.SlavePathA);
        using var weasel = new NodePort(relay.SlavePathB);

        relay.Pull();
        relay.Pull(); // idempotent
        relay.IsPlugged.Should().BeFalse();
        otter.Write("heartbeat from otter"u8);
        weasel.Write("heartbeat from weasel"u8);
        await Until("both heartbeats dropped", () =>
            relay.Counters.DroppedPulledAToB == 20 && relay.Counters.DroppedPulledBToA == 21);
        weasel.Read(1, timeoutMs: 100).Should().BeEmpty();
        otter.Read(1, timeoutMs: 10).Should().BeEmpty();

        relay.Plug();
        relay.Plug(); // idempotent
        relay.IsPlugged.Should().BeTrue();
        otter.Write("again"u8);
        weasel.Read(5).Should().Equal("again"u8.ToArray());
        weasel.Write("ack"u8);
        otter.Read(3).Should().Equal("ack"u8.ToArray());
        relay.Counters.ForwardedAToB.Should().Be(5);
        relay.Counters.ForwardedBToA.Should().Be(3);
    }

    [Fact]
    public async Task FlushSide_discards_what_waits_for_a_node_that_is_down()
    {
        using var relay = SerialRelay.Start("otter", "weasel");
        using var weasel = new NodePort(relay.SlavePathB);

        // otter is down (nobody has its slave open): weasel keeps sending.
        weasel.Write("stale packet 1"u8);
        weasel.Write("stale packet 2"u8);
        await Until("stale packets queued toward otter", () => relay.QueuedToward("otter") == 28);

        relay.FlushSide("otter");
        relay.QueuedToward("otter").Should().Be(0);
        relay.Counters.FlushedTowardA.Should().Be(28);

        // otter boots and reads only what is sent from now on.
        using var otter = new NodePort(relay.SlavePathA);
        otter.Read(1, timeoutMs: 50).Should().BeEmpty();
        weasel.Write("fresh"u8);
        otter.Read(5).Should().Equal("fresh"u8.ToArray());
        otter.Read(1, timeoutMs: 50).Should().BeEmpty();
    }

    [Fact]
    public async Task A_node_without_power_receives_nothing_and_what_waited_for_it_is_gone_when_it_boots()
    {
        using var relay = SerialRelay.Start("otter", "weasel");
        using var weasel = new NodePort(relay.SlavePathB);
        weasel.Write("###\nseq=1\n"u8); // half a frame, then otter loses power
        await Until("half a frame queued toward otter", () => relay.QueuedToward("otter") == 10);

        relay.SetPowered("otter", false);
        relay.QueuedToward("otter").Should().Be(0, "a UART without power keeps nothing");
        weasel.Write("seq=2\n%%%\n"u8);
        await Until("bytes toward the powered-off node dropped", () => relay.Counters.DroppedOffBToA == 10);
        relay.QueuedToward("otter").Should().Be(0);

        relay.FlushSide("otter");
        relay.SetPowered("otter", true);
        using var otter = new NodePort(relay.SlavePathA);
        weasel.Write("###\nseq=3\n%%%\n"u8);
        otter.Read(16).Should().Equal("###\nseq=3\n%%%\n"u8.ToArray(), "the booted node reads whole fresh frames only");
        relay.Counters.ToString().Should().Contain("10 B dropped (otter off)");
    }

    [Fact]
    public async Task A_backlog_the_node_leaves_unread_expires_and_the_next_frame_arrives_whole()
    {
        using var relay = SerialRelay.Start("otter", "weasel");
        using var weasel = new NodePort(relay.SlavePathB);
        // otter boots: its port exists, but nothing reads it yet (Heartbeat has not opened ttyS1).
        weasel.Write("###\nold frame cut"u8);
        await Until("the backlog queued toward otter", () => relay.QueuedToward("otter") == 17);

        await Wait.UntilAsync("the unread backlog expired", _ => Task.FromResult(relay.QueuedToward("otter") == 0 ? Probe.Yes() : Probe.No("still queued")),
            SerialRelay.UnreadExpiry + TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20), ct: Ct);
        relay.Counters.ExpiredTowardA.Should().Be(17);

        using var otter = new NodePort(relay.SlavePathA);
        weasel.Write("###\nnew\n%%%\n"u8);
        otter.Read(12).Should().Equal("###\nnew\n%%%\n"u8.ToArray());
        otter.Read(1, timeoutMs: 50).Should().BeEmpty();
    }

    [Fact]
    public async Task A_node_that_does_not_read_never_stalls_the_other_direction_and_its_queue_stays_small()
    {
        using var relay = SerialRelay.Start("otter", "weasel", queueLimitBytes: 512);
        using var otter = new NodePort(relay.SlavePathA); // never reads
        using var weasel = new NodePort(relay.SlavePathB);

        var flood = new byte[4096];
        Array.Fill(flood, (byte)'w');
        for (var i = 0; i < 64; i++)
        {
            weasel.Write(flood); // 256 KB toward otter, far beyond what a pty holds
            if (i % 16 == 0)
            {
                otter.Write("still talking"u8);
                weasel.Read(13).Should().Equal("still talking"u8.ToArray(), "otter→weasel must flow while weasel floods otter");
            }
        }

        await Until("the flood read by the relay", () =>
            relay.Counters.ForwardedBToA + relay.Counters.DroppedOverflowBToA == 64 * 4096);
        relay.Counters.ForwardedBToA.Should().BeInRange(512, 1024, "at most the limit (plus what the kernel had not yet counted) is left queued");
        relay.Counters.DroppedOverflowBToA.Should().BeGreaterThan(250_000);
        relay.QueuedToward("otter").Should().BeLessThanOrEqualTo(1024);
        relay.IsRunning.Should().BeTrue();

        // Once otter reads its backlog, bytes flow to it again.
        otter.Read(relay.QueuedToward("otter"));
        weasel.Write("hello otter"u8);
        otter.Read(11).Should().Equal("hello otter"u8.ToArray());
    }

    [Fact]
    public void A_node_that_restarts_finds_the_same_line()
    {
        using var relay = SerialRelay.Start("otter", "weasel");
        using var weasel = new NodePort(relay.SlavePathB);
        using (var otter = new NodePort(relay.SlavePathA))
        {
            otter.Write("before"u8);
            weasel.Read(6).Should().Equal("before"u8.ToArray());
        }

        // otter's UML died and closed the line; the relay's spare descriptor kept it from hanging up.
        relay.IsRunning.Should().BeTrue();
        relay.FlushSide("otter");
        using var otterAgain = new NodePort(relay.SlavePathA, raw: false);
        otterAgain.Write("after\n"u8);
        weasel.Read(6).Should().Equal("after\n"u8.ToArray());
        weasel.Write("ok\r"u8);
        otterAgain.Read(3).Should().Equal("ok\r"u8.ToArray());
    }

    [Fact]
    public void Rejects_unknown_or_identical_end_names()
    {
        FluentActions.Invoking(() => SerialRelay.Start("otter", "otter")).Should().Throw<ArgumentException>();
        using var relay = SerialRelay.Start("otter", "weasel");
        FluentActions.Invoking(() => relay.FlushSide("badger")).Should().Throw<ArgumentException>()
            .WithMessage("*\"otter\" and \"weasel\"*badger*");
        relay.ToString().Should().Contain("otter").And.Contain("weasel").And.Contain("plugged");
    }
}
