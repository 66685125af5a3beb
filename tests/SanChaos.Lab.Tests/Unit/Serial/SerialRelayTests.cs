using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Serial;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>
/// The relay on real ptys, a test playing each node (<see cref="NodePort"/> opens a slave as UML's <c>ssl1=tty:</c> does).
/// Tests about what is carried run the line fast (4 Mbaud) on the system clock; tests about pace and overrun move a
/// <see cref="ManualClock"/>. Frames are shaped like Heartbeat's serial packets; no serial traffic was recorded on the lab.
/// </summary>
[Trait("Category", "unit")]
public sealed class SerialRelayTests
{
    private static readonly SerialRelayOptions Fast = new() { Baud = 4_000_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task Until(string what, Func<bool> condition, double seconds = 2) =>
        Wait.UntilAsync(what, _ => Task.FromResult(condition() ? Probe.Yes() : Probe.No("not yet")),
            TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(5), ct: Ct);

    [Fact]
    public void Carries_every_byte_value_unchanged_both_ways_even_if_the_node_leaves_the_line_cooked()
    {
        using var relay = SerialRelay.Start("otter", "weasel", Fast);
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
        relay.Counters.AToB.Should().Be(new SerialDirectionCounters(256, 0, 0, 0, 0, 0));
        relay.Counters.BToA.Should().Be(new SerialDirectionCounters(256, 0, 0, 0, 0, 0));
        relay.SlavePathOf("otter").Should().Be(relay.SlavePathA);
        relay.SlavePathOf("weasel").Should().Be(relay.SlavePathB);
    }

    [Fact]
    public async Task A_pulled_cable_drops_bytes_both_ways_and_plugging_it_back_carries_them_again()
    {
        using var relay = SerialRelay.Start("otter", "weasel", Fast);
        using var otter = new NodePort(relay.SlavePathA);
        using var weasel = new NodePort(relay.SlavePathB);

        relay.Pull();
        relay.Pull(); // idempotent
        relay.IsPlugged.Should().BeFalse();
        otter.Write("heartbeat from otter"u8);
        weasel.Write("heartbeat from weasel"u8);
        await Until("both heartbeats dropped", () =>
            relay.Counters.AToB.DroppedPulled == 20 && relay.Counters.BToA.DroppedPulled == 21);
        weasel.Read(1, timeoutMs: 100).Should().BeEmpty();
        otter.Read(1, timeoutMs: 10).Should().BeEmpty();

        relay.Plug();
        relay.Plug(); // idempotent
        relay.IsPlugged.Should().BeTrue();
        otter.Write("again"u8);
        weasel.Read(5).Should().Equal("again"u8.ToArray());
        weasel.Write("ack"u8);
        otter.Read(3).Should().Equal("ack"u8.ToArray());
        relay.Counters.AToB.Forwarded.Should().Be(5);
        relay.Counters.BToA.Forwarded.Should().Be(3);
    }

    [Fact]
    public async Task A_node_that_has_not_opened_its_port_receives_nothing_and_later_reads_only_fresh_frames()
    {
        using var relay = SerialRelay.Start("otter", "weasel", Fast);
        using var weasel = new NodePort(relay.SlavePathB);
        relay.IsPortOpen("otter").Should().BeFalse();
        relay.IsPortOpen("weasel").Should().BeTrue();

        // otter boots: its Heartbeat has not opened the line yet, weasel keeps sending.
        weasel.Write("###\nstale 1\n%%%\n"u8);
        weasel.Write("###\nstale 2\n"u8);
        await Until("the bytes toward otter dropped", () => relay.Counters.BToA.DroppedClosed == 28);
        relay.QueuedToward("otter").Should().Be(0, "nobody listens: nothing is kept for later");

        using var otter = new NodePort(relay.SlavePathA);
        relay.IsPortOpen("otter").Should().BeTrue();
        weasel.Write("###\nfresh\n%%%\n"u8);
        otter.Read(14).Should().Equal("###\nfresh\n%%%\n"u8.ToArray());
        otter.Read(1, timeoutMs: 50).Should().BeEmpty();
        relay.Counters.BToA.Should().Be(new SerialDirectionCounters(14, 0, 0, 28, 0, 0));
    }

    [Fact]
    public async Task A_node_without_power_receives_nothing_and_what_waited_for_it_is_gone_when_it_boots()
    {
        using var relay = SerialRelay.Start("otter", "weasel", Fast);
        using var weasel = new NodePort(relay.SlavePathB);
        var otterBefore = new NodePort(relay.SlavePathA);
        weasel.Write("###\nseq=1\n"u8); // half a frame, then otter loses power
        await Until("half a frame queued toward otter", () => relay.QueuedToward("otter") == 10);

        relay.SetPowered("otter", false); // before its kernel's descriptors are closed
        relay.SetPowered("otter", false); // idempotent
        relay.QueuedToward("otter").Should().Be(0, "a UART without power keeps nothing");
        relay.Counters.BToA.Flushed.Should().Be(10);
        otterBefore.Dispose();
        weasel.Write("seq=2\n%%%\n"u8);
        await Until("bytes toward the powered-off node dropped", () => relay.Counters.BToA.DroppedOff == 10);
        relay.QueuedToward("otter").Should().Be(0);

        relay.SetPowered("otter", true);
        weasel.Write("###\nbooting\n%%%\n"u8);
        await Until("bytes toward the booting node dropped: its port is not open", () => relay.Counters.BToA.DroppedClosed == 16);
        using var otter = new NodePort(relay.SlavePathA);
        weasel.Write("###\nseq=3\n%%%\n"u8);
        otter.Read(14).Should().Equal("###\nseq=3\n%%%\n"u8.ToArray(), "the booted node reads whole fresh frames only");
        otter.Read(1, timeoutMs: 50).Should().BeEmpty();
        relay.Counters.ToString().Should().Contain("10 B dropped (otter off)").And.Contain("16 B dropped (otter's port closed)")
            .And.Contain("10 B flushed").And.StartWith("4000000 baud; ");
    }

    [Fact]
    public async Task The_last_close_of_a_port_discards_what_its_reader_left_but_a_second_reader_keeps_it_open()
    {
        using var relay = SerialRelay.Start("otter", "weasel", Fast);
        using var weasel = new NodePort(relay.SlavePathB);
        var first = new NodePort(relay.SlavePathA);
        var second = new NodePort(relay.SlavePathA);
        weasel.Write("###\nunread\n%%%\n"u8);
        await Until("the frame waits for otter", () => relay.QueuedToward("otter") == 15);

        first.Dispose();
        relay.IsPortOpen("otter").Should().BeTrue("another descriptor still has it open");
        relay.QueuedToward("otter").Should().Be(15, "no flush while someone has the port open");

        second.Dispose();
        await Until("the last close discarded the unread bytes", () => relay.QueuedToward("otter") == 0);
        relay.IsPortOpen("otter").Should().BeFalse();
        relay.Counters.BToA.Flushed.Should().Be(15);
    }

    [Fact]
    public async Task Bytes_an_open_port_leaves_unread_are_never_flushed_however_long_they_wait()
    {
        var clock = new ManualClock();
        using var relay = SerialRelay.Start("otter", "weasel", new SerialRelayOptions { Baud = 19200, Time = clock });
        using var otter = new NodePort(relay.SlavePathA); // open, not reading (Heartbeat busy)
        using var weasel = new NodePort(relay.SlavePathB);
        var frame = "###\nseq=1\nauth 1 0123456789abcdef\n%%%\n"u8.ToArray();
        weasel.Write(frame);
        await Until("the frame waits for otter", () => relay.QueuedToward("otter") == frame.Length);

        clock.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // longer than any expiry on the system clock, too
        relay.QueuedToward("otter").Should().Be(frame.Length);
        relay.Counters.BToA.Should().Be(new SerialDirectionCounters(frame.Length, 0, 0, 0, 0, 0));

        relay.SetPowered("otter", true); // powered already: no flush either
        otter.Read(frame.Length).Should().Equal(frame, "the whole frame, as sent");
    }

    [Fact]
    public async Task The_line_carries_at_its_baud_rate()
    {
        var clock = new ManualClock();
        using var relay = SerialRelay.Start("otter", "weasel", new SerialRelayOptions { Baud = 9600, Time = clock });
        using var otter = new NodePort(relay.SlavePathA);
        using var weasel = new NodePort(relay.SlavePathB);
        var sent = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        weasel.Write(sent);

        await Until("the first burst carried", () => relay.Counters.BToA.Forwarded == 48);
        await Task.Delay(300, Ct);
        relay.Counters.BToA.Forwarded.Should().Be(48, "no time passed on the line's clock: 50 ms worth at 960 B/s, no more");

        for (var step = 1; step <= 2; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            var expected = 48 + 48 * step;
            await Until($"{50 * step} ms more of line time carried", () => relay.Counters.BToA.Forwarded == expected);
        }

        await Task.Delay(300, Ct);
        relay.Counters.BToA.Forwarded.Should().Be(144, "100 ms at 960 B/s after the first burst");
        otter.Read(144).Should().Equal(sent.Take(144), "in order, nothing dropped: the rest still waits at weasel");
        relay.Counters.BToA.Dropped.Should().Be(0);
        relay.Options.Baud.Should().Be(9600);
    }

    [Fact]
    public async Task A_node_that_does_not_read_overruns_its_buffer_and_never_stalls_the_other_direction()
    {
        var clock = new ManualClock();
        using var relay = SerialRelay.Start("otter", "weasel", new SerialRelayOptions { Baud = 19200, ReceiveBufferBytes = 512, Time = clock });
        using var otter = new NodePort(relay.SlavePathA); // never reads (until the end)
        using var weasel = new NodePort(relay.SlavePathB);
        var flood = Enumerable.Range(0, 2000).Select(i => (byte)(i % 251)).ToArray();
        weasel.Write(flood);

        long Crossed() => relay.Counters.BToA.Forwarded + relay.Counters.BToA.DroppedOverrun;
        // Each step lets 50 ms of line time pass (96 bytes) once the pty shows what was written (so the room is exact).
        async Task Carried(long before) =>
            await Until("the line time carried and settled", () => Crossed() > before && relay.QueuedToward("otter") == relay.Counters.BToA.Forwarded);
        await Carried(0);
        for (var step = 0; Crossed() < flood.Length; step++)
        {
            var before = Crossed();
            if (step % 5 == 0) otter.Write("still talking"u8);
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Carried(before);
            if (step % 5 == 0) weasel.Read(13).Should().Equal("still talking"u8.ToArray(), "otter→weasel flows while weasel floods otter");
        }

        relay.Counters.BToA.Should().Be(new SerialDirectionCounters(512, 0, 0, 0, 1488, 0), "the buffer holds 512 bytes; the rest overran");
        otter.Read(512).Should().Equal(flood.Take(512), "the oldest bytes stay: an overrun drops the new ones");
        relay.IsRunning.Should().BeTrue();
    }

    [Fact]
    public void A_node_that_restarts_finds_the_same_line()
    {
        using var relay = SerialRelay.Start("otter", "weasel", Fast);
        using var weasel = new NodePort(relay.SlavePathB);
        using (var otter = new NodePort(relay.SlavePathA))
        {
            otter.Write("before"u8);
            weasel.Read(6).Should().Equal("before"u8.ToArray());
        }

        // otter's UML died and closed the line; the relay's spare descriptor kept it from hanging up.
        relay.IsRunning.Should().BeTrue();
        relay.SetPowered("otter", false);
        relay.SetPowered("otter", true);
        using var otterAgain = new NodePort(relay.SlavePathA, raw: false);
        otterAgain.Write("after\n"u8);
        weasel.Read(6).Should().Equal("after\n"u8.ToArray());
        weasel.Write("ok\r"u8);
        otterAgain.Read(3).Should().Equal("ok\r"u8.ToArray());
    }

    [Fact]
    public void Rejects_unknown_or_identical_end_names_and_speeds_no_line_has()
    {
        FluentActions.Invoking(() => SerialRelay.Start("otter", "otter")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => SerialRelay.Start("otter", "weasel", new SerialRelayOptions { Baud = 0 })).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SerialRelay.Start("otter", "weasel", new SerialRelayOptions { ReceiveBufferBytes = 65536 }))
            .Should().Throw<ArgumentOutOfRangeException>();
        using var relay = SerialRelay.Start("otter", "weasel");
        FluentActions.Invoking(() => relay.SetPowered("badger", false)).Should().Throw<ArgumentException>()
            .WithMessage("*\"otter\" and \"weasel\"*badger*");
        relay.ToString().Should().Contain("otter").And.Contain("weasel").And.Contain("19200 baud").And.Contain("plugged");
    }
}
