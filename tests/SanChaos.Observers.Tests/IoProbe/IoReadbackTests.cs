using FluentAssertions;
using SanChaos.Observers.IoProbe;
using Xunit;

namespace SanChaos.Observers.Tests.IoProbe;

[Trait("Category", "unit")]
public sealed class IoReadbackTests
{
    private static IoWrite W(long seq, long slot, int errno = 0) =>
        new(seq, slot, seq * 1_000_000_000L, seq * 1_000_000_000L + 1_000_000, errno, errno == 0 ? null : "EIO", null);

    private static IoVerifySlot Ok(long slot, long seq) => new(slot, IoVerifyStatus.Ok, seq, [], null);

    [Fact]
    public void Finds_every_planted_defect_of_the_recorded_run_by_slot_seq_and_time()
    {
        var writes = IoProbeLog.Parse(RecordedOutput.Write).Writes;
        var r = IoReadback.Classify(writes, IoProbeLog.Parse(RecordedOutput.Verify).Slots, TimeSpan.Zero);

        r.SlotsChecked.Should().Be(16);
        r.Ok.Should().Be(11, "slots 0 and 1 carry their last acknowledged writes (49, 50); the failed 33 and 34 before them do not matter");
        r.Clean.Should().BeFalse();
        r.Findings.Select(f => (f.Slot, f.Kind, f.AcknowledgedSeq, f.FoundSeq)).Should().Equal(
            (4, IoReadbackKind.Stale, 37, 5),
            (6, IoReadbackKind.Lost, 39, null),
            (8, IoReadbackKind.Torn, 41, null),
            (10, IoReadbackKind.Torn, 43, 43),
            (12, IoReadbackKind.Lost, 45, null));
        r.CountsText.Should().Be("16 slots checked: 11 ok, 2 lost, 1 stale, 2 torn, 0 unexpected, 0 unreadable");

        var stale = r.Findings[0];
        var w37 = writes.Single(w => w.Seq == 37);
        stale.Submitted.Should().Be(w37.Submitted(TimeSpan.Zero));
        stale.Acknowledged.Should().Be(w37.Completed(TimeSpan.Zero));
        stale.FoundSubmitted.Should().Be(writes.Single(w => w.Seq == 5).Submitted(TimeSpan.Zero));
        stale.Detail.Should().StartWith("slot 4: last acknowledged write seq 37 (ok, submitted ").And.Contain("found the older seq 5 (ok, submitted ");
        r.Findings[1].Detail.Should().EndWith("found zeros");
        r.Findings[2].SectorSeqs.Should().Equal(9, 9, 9, 9, 41, 41, 41, 41);
        r.Findings[2].Detail.Should().Contain("sectors 9,9,9,9,41,41,41,41 from seq 9 (ok, ").And.Contain("; seq 41 (ok, ");
        r.Findings[3].Detail.Should().Contain("block checksum does not hold");
        r.Findings[4].Detail.Should().EndWith("found no write of this run (other data)");
    }

    [Fact]
    public void A_later_write_that_failed_may_be_on_disk()
    {
        var writes = new[] { W(1, 0), W(2, 1), W(3, 0, errno: 5), W(4, 1, errno: 5) };
        var r = IoReadback.Classify(writes, [Ok(0, 3), Ok(1, 2)], TimeSpan.Zero);

        r.Clean.Should().BeTrue();
        r.SlotsChecked.Should().Be(2);
    }

    [Fact]
    public void The_write_in_flight_when_the_log_ended_may_be_on_disk_but_no_other_unlogged_one()
    {
        var writes = new[] { W(1, 0), W(2, 1) };

        IoReadback.Classify(writes, [Ok(0, 1), Ok(1, 3)], TimeSpan.Zero).Clean.Should().BeTrue("seq 3 was being written when the probe stopped");
        var r = IoReadback.Classify(writes, [Ok(0, 1), Ok(1, 4)], TimeSpan.Zero);
        r.Findings.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Slot = 1L, Kind = IoReadbackKind.Unexpected, AcknowledgedSeq = 2L, FoundSeq = (long?)4, FoundSubmitted = (DateTimeOffset?)null,
        });
    }

    [Fact]
    public void A_write_never_sent_to_the_slot_is_unexpected()
    {
        var writes = new[] { W(1, 0), W(2, 1), W(3, 0) };
        var r = IoReadback.Classify(writes, [Ok(0, 3), Ok(1, 3)], TimeSpan.Zero);

        r.Findings.Should().ContainSingle().Which.Kind.Should().Be(IoReadbackKind.Unexpected);
    }

    [Fact]
    public void A_slot_that_cannot_be_read_or_is_missing_from_verify_is_unreadable()
    {
        var writes = new[] { W(1, 0), W(2, 1), W(3, 2) };
        IoVerifySlot[] slots = [new(0, IoVerifyStatus.Unreadable, null, [], "EIO"), Ok(1, 2)];
        var r = IoReadback.Classify(writes, slots, TimeSpan.Zero);

        r.Findings.Select(f => (f.Slot, f.Kind)).Should().Equal((0, IoReadbackKind.Unreadable), (2, IoReadbackKind.Unreadable));
        r.Findings[0].Detail.Should().EndWith("reading it back failed (EIO)");
        r.Findings[1].Detail.Should().EndWith("verify printed nothing for this slot");
    }

    [Fact]
    public void Slots_without_an_acknowledged_write_are_not_checked()
    {
        var writes = new[] { W(1, 0), W(2, 1, errno: 5) };
        IoVerifySlot[] slots = [Ok(0, 1), new(1, IoVerifyStatus.Empty, null, [], null), new(2, IoVerifyStatus.Foreign, null, [], null)];
        var r = IoReadback.Classify(writes, slots, TimeSpan.Zero);

        r.SlotsChecked.Should().Be(1);
        r.Clean.Should().BeTrue();
    }

    [Fact]
    public void Finding_times_are_on_the_harness_clock()
    {
        var writes = new[] { W(1, 0), W(2, 0) };
        var r = IoReadback.Classify(writes, [Ok(0, 1)], TimeSpan.FromSeconds(3));

        var f = r.Findings.Should().ContainSingle().Which;
        f.Kind.Should().Be(IoReadbackKind.Stale);
        f.Submitted.Should().Be(DateTimeOffset.UnixEpoch.AddSeconds(2 - 3));
        f.FoundSubmitted.Should().Be(DateTimeOffset.UnixEpoch.AddSeconds(1 - 3));
    }
}
