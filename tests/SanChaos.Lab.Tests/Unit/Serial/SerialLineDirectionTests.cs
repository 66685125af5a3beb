using System.Text;
using FluentAssertions;
using SanChaos.Labs.Serial;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>
/// One direction of the line, without ptys: a sender and a receiver in memory and a clock the test moves. Frames are
/// shaped like Heartbeat's serial packets ("###" ... "%%%"); no serial traffic has been recorded on the lab.
/// </summary>
[Trait("Category", "unit")]
public sealed class SerialLineDirectionTests
{
    private static readonly LineConditions Listening = new(Plugged: true, ReceiverPowered: true, ReceiverOpen: true);

    private static byte[] Frame(int seq, int size = 40)
    {
        var head = Encoding.ASCII.GetBytes($"###\nseq={seq:x}\n");
        var tail = "%%%\n"u8.ToArray();
        return [.. head, .. Enumerable.Repeat((byte)'x', size - head.Length - tail.Length), .. tail];
    }

    private static (FakeEnd From, FakeEnd To, ManualClock Clock, SerialLineDirection Line) Line(int baud = 19200, int buffer = 4095)
    {
        var clock = new ManualClock();
        var from = new FakeEnd();
        var to = new FakeEnd();
        return (from, to, clock, new SerialLineDirection(from, to, new BaudPacer(baud, clock), buffer));
    }

    private static void PumpAll(SerialLineDirection line, LineConditions conditions)
    {
        while (line.Pump(conditions))
        {
        }
    }

    [Fact]
    public void Bytes_leave_at_the_baud_rate_and_the_rest_waits_in_the_senders_port()
    {
        var (from, to, clock, line) = Line(baud: 9600);
        from.Transmit(new byte[5000]);

        PumpAll(line, Listening);
        to.Unread.Should().Be(48, "only the first burst (50 ms at 960 B/s) crosses before time passes");

        for (var i = 0; i < 100; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            PumpAll(line, Listening);
        }

        to.Unread.Should().BeInRange(48 + 960 - 1, 48 + 960, "one second at 9600 baud is 960 bytes");
        from.UnsentCount.Should().Be(5000 - to.Unread, "what the line has not carried yet is still the sender's, not dropped");
        line.Counters.Should().Be(new SerialDirectionCounters(to.Unread, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void A_short_write_keeps_the_rest_of_the_chunk_in_order_and_nothing_is_dropped()
    {
        var (from, to, _, line) = Line();
        to.TakesAtMost = 7; // the receiver's port takes 7 bytes per write
        var frames = Frame(1).Concat(Frame(2)).ToArray();
        from.Transmit(frames);

        line.Pump(Listening).Should().BeTrue();
        to.Unread.Should().Be(7);
        line.Pending.Should().Be(73, "the tail of the chunk the port did not take is kept");
        from.UnsentCount.Should().Be(0, "the whole chunk left the sender in one go (within the first burst)");

        PumpAll(line, Listening);
        to.Received.Should().Equal(frames, "every byte arrives, in order");
        line.Pending.Should().Be(0);
        line.Counters.Should().Be(new SerialDirectionCounters(80, 0, 0, 0, 0, 0));
        to.Offers.Should().AllSatisfy(o => o.Took.Should().Be(Math.Min(7, o.Offered)));
    }

    [Fact]
    public void While_a_tail_is_pending_no_new_bytes_are_taken_from_the_sender()
    {
        var (from, to, clock, line) = Line();
        to.TakesAtMost = 0; // the port takes nothing for now
        from.Transmit(Frame(1));
        line.Pump(Listening);
        from.Transmit(Frame(2));
        clock.Advance(TimeSpan.FromSeconds(1));

        line.Pump(Listening).Should().BeFalse("nothing moved");
        line.WantsToTake.Should().BeFalse();
        from.UnsentCount.Should().Be(40, "frame 2 stays with its sender until frame 1 is delivered");

        to.TakesAtMost = null;
        PumpAll(line, Listening);
        to.Received.Should().Equal(Frame(1).Concat(Frame(2)));
    }

    [Theory]
    [InlineData(false, true, true, "pulled")]
    [InlineData(true, false, true, "off")]
    [InlineData(true, true, false, "closed")]
    public void Bytes_on_the_line_are_dropped_and_counted_for_a_pulled_cable_a_receiver_off_or_a_port_nobody_has_open(
        bool plugged, bool powered, bool open, string reason)
    {
        var (from, to, _, line) = Line();
        from.Transmit(Frame(1));

        PumpAll(line, new LineConditions(plugged, powered, open));

        to.Unread.Should().Be(0);
        from.UnsentCount.Should().Be(0, "the sender sent them: they were lost on the way");
        var expected = reason switch
        {
            "pulled" => new SerialDirectionCounters(0, 40, 0, 0, 0, 0),
            "off" => new SerialDirectionCounters(0, 0, 40, 0, 0, 0),
            _ => new SerialDirectionCounters(0, 0, 0, 40, 0, 0),
        };
        line.Counters.Should().Be(expected);
        line.Counters.Dropped.Should().Be(40);
    }

    [Fact]
    public void A_full_receive_buffer_overruns_the_new_bytes_and_keeps_the_old_ones_whole()
    {
        var (from, to, clock, line) = Line(buffer: 64);
        var old = Frame(1, 40).Concat(Frame(2, 40)).ToArray(); // 80 bytes, 64 fit
        from.Transmit(old);
        PumpAll(line, Listening);

        to.Received.Should().Equal(old.Take(64), "the first 64 bytes wait, untouched");
        line.Counters.Should().Be(new SerialDirectionCounters(64, 0, 0, 0, 16, 0));

        clock.Advance(TimeSpan.FromSeconds(1));
        from.Transmit(Frame(3));
        PumpAll(line, Listening);
        line.Counters.DroppedOverrun.Should().Be(56, "nobody reads: frame 3 finds no room either");
        to.Received.Should().Equal(old.Take(64));

        to.Read(40).Should().Equal(Frame(1), "the reader gets the oldest frame whole");
        clock.Advance(TimeSpan.FromSeconds(1));
        from.Transmit(Frame(4));
        PumpAll(line, Listening);
        to.Received.Should().Equal(old.Skip(40).Take(24).Concat(Frame(4)), "room again: the next frame arrives whole behind what waited");
        line.Counters.Should().Be(new SerialDirectionCounters(104, 0, 0, 0, 56, 0));
    }

    [Fact]
    public void Bytes_waiting_for_an_open_port_stay_however_long_nobody_reads_them()
    {
        var (from, to, clock, line) = Line();
        from.Transmit(Frame(1));
        PumpAll(line, Listening);

        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            PumpAll(line, Listening);
        }

        to.Received.Should().Equal(Frame(1), "an open port's buffer is never flushed by the line");
        line.Counters.Flushed.Should().Be(0);
    }

    [Fact]
    public void Losing_the_receiver_discards_its_buffer_and_the_pending_tail_and_losing_the_sender_its_unsent_bytes()
    {
        var (from, to, _, line) = Line();
        to.TakesAtMost = 10;
        from.Transmit(Frame(1));
        line.Pump(Listening);
        line.Pending.Should().Be(30);

        line.DiscardTowardReceiver();
        to.Unread.Should().Be(0);
        line.Pending.Should().Be(0);
        line.Counters.Flushed.Should().Be(40, "10 in its buffer and 30 not yet taken by its port");

        from.Transmit(new byte[500]); // more than the credit left: the rest stays unsent
        line.Pump(Listening);
        from.UnsentCount.Should().BeGreaterThan(0);
        var unsent = from.UnsentCount;
        line.DiscardUnsent();
        from.UnsentCount.Should().Be(0);
        line.Counters.Flushed.Should().Be(40 + unsent);
    }
}
