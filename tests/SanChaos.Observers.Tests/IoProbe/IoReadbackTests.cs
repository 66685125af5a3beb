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
        r.CountsText.Should().Be("45 acknowledged writes: 16 read back (16 slots at the end, 0 reads during the run), 29 unverified; " +
                                 "2 lost, 1 stale, 2 torn, 0 unexpected, 0 unreadable");
        r.Unverified.Should().HaveCount(29, "a version 1 probe went round its 16 slots without reading them back");

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

    private static IoRead Read(IoReadPurpose purpose, long after, long slot, long? seq, IoVerifyStatus status = IoVerifyStatus.Ok, string? errno = null) =>
        new(purpose, after, after * 1_000_000_000L + 2_000_000, after * 1_000_000_000L + 3_000_000, new IoVerifySlot(slot, status, seq, [], errno));

    /// <summary>Writes 1..n over two slots (seq 1 in slot 0), each but the first two preceded by the probe's read of its slot.</summary>
    private static (IoWrite[] Writes, IoRead[] Reads) TwoSlots(int n, Func<long, IoRead?>? readBefore = null)
    {
        var writes = Enumerable.Range(1, n).Select(i => W(i, (i - 1) % 2)).ToArray();
        var reads = Enumerable.Range(3, Math.Max(0, n - 2)).Select(i => readBefore?.Invoke(i) ?? Read(IoReadPurpose.Reuse, i - 1, (i - 1) % 2, i - 2)).ToArray();
        return (writes, reads);
    }

    [Fact]
    public void A_read_during_the_run_that_finds_an_older_write_is_a_stale_read_though_the_final_read_back_is_intact()
    {
        var (writes, reads) = TwoSlots(4);
        IoRead[] all = [.. reads, Read(IoReadPurpose.Sample, 4, 0, 1)];

        var r = IoReadback.Classify(writes, all, [Ok(0, 3), Ok(1, 4)], TimeSpan.Zero);

        var f = r.Findings.Should().ContainSingle().Which;
        f.Should().BeEquivalentTo(new
        {
            Slot = 0L, Kind = IoReadbackKind.Stale, AcknowledgedSeq = 3L, FoundSeq = (long?)1, Purpose = IoReadPurpose.Sample,
            ReadAt = (DateTimeOffset?)DateTimeOffset.UnixEpoch.AddSeconds(4).AddMilliseconds(3),
        });
        f.Detail.Should().Be("slot 0: last acknowledged write seq 3 (ok, submitted 00:00:03.000); read during the run at 00:00:04.003: " +
                             "found the older seq 1 (ok, submitted 00:00:01.000)");
        r.Unverified.Should().BeEmpty();
        r.ReadsDuringRun.Should().Be(3);
        IoReadback.Classify(writes, reads, [Ok(0, 3), Ok(1, 4)], TimeSpan.Zero).Clean.Should().BeTrue("without the sample nothing is wrong");
    }

    [Fact]
    public void Each_acknowledged_write_read_before_its_slot_is_reused_is_checked_and_without_those_reads_it_is_unverified()
    {
        var (writes, reads) = TwoSlots(6);
        IoVerifySlot[] final = [Ok(0, 5), Ok(1, 6)];

        var v2 = IoReadback.Classify(writes, reads, final, TimeSpan.Zero);
        var v1 = IoReadback.Classify(writes, final, TimeSpan.Zero);

        v2.Clean.Should().BeTrue(v2.CountsText);
        v2.CountsText.Should().Be("6 acknowledged writes: 6 read back (2 slots at the end, 4 reads during the run), 0 unverified; " +
                                  "0 lost, 0 stale, 0 torn, 0 unexpected, 0 unreadable");
        v1.Findings.Should().BeEmpty();
        v1.Clean.Should().BeFalse();
        v1.Unverified.Select(w => w.Seq).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void A_read_before_reuse_that_finds_zeros_is_a_lost_write_though_its_slot_is_written_again()
    {
        var (writes, reads) = TwoSlots(4, i => i == 3 ? Read(IoReadPurpose.Reuse, 2, 0, null, IoVerifyStatus.Empty) : null);

        var r = IoReadback.Classify(writes, reads, [Ok(0, 3), Ok(1, 4)], TimeSpan.Zero);

        r.Findings.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Slot = 0L, Kind = IoReadbackKind.Lost, AcknowledgedSeq = 1L, Purpose = IoReadPurpose.Reuse });
        r.Findings[0].Detail.Should().EndWith("read before the slot was written again at 00:00:02.003: found zeros");
        r.Ok.Should().Be(3);
    }

    [Fact]
    public void A_failed_read_before_an_acknowledged_overwrite_leaves_the_write_unverified_but_not_before_a_failed_write()
    {
        var unreadable = Read(IoReadPurpose.Reuse, 2, 0, null, IoVerifyStatus.Unreadable, "EIO");
        var (writes, reads) = TwoSlots(4, i => i == 3 ? unreadable : null);

        var lost = IoReadback.Classify(writes, reads, [Ok(0, 3), Ok(1, 4)], TimeSpan.Zero);

        lost.Unverified.Select(w => w.Seq).Should().Equal(1);
        lost.FailedReads.Should().Be(1);
        lost.Findings.Should().BeEmpty("a read that failed found nothing wrong");

        // seq 3 failed: seq 1 is still the slot's acknowledged write and the probe reads it again before seq 5.
        IoWrite[] failedWrite = [W(1, 0), W(2, 1), W(3, 0, errno: 5), W(4, 1), W(5, 0)];
        IoRead[] again = [unreadable, Read(IoReadPurpose.Reuse, 3, 1, 2), Read(IoReadPurpose.Reuse, 4, 0, 3)];
        var r = IoReadback.Classify(failedWrite, again, [Ok(0, 5), Ok(1, 4)], TimeSpan.Zero);
        r.Clean.Should().BeTrue("the slot held seq 3, which was attempted after seq 1 and may have reached the disk: " + r.CountsText);
        r.ReadBack.Should().Be(4);
    }

    [Fact]
    public void A_read_during_the_run_never_accepts_a_write_submitted_after_it()
    {
        IoWrite[] writes = [W(1, 0), W(2, 1), W(3, 0)];

        var r = IoReadback.Classify(writes, [Read(IoReadPurpose.Sample, 2, 0, 3)], [Ok(0, 3), Ok(1, 2)], TimeSpan.Zero);

        r.Findings.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = IoReadbackKind.Unexpected, AcknowledgedSeq = 1L, FoundSeq = (long?)3 });
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
