using FluentAssertions;
using SanChaos.Observers.IoProbe;
using Xunit;

namespace SanChaos.Observers.Tests.IoProbe;

[Trait("Category", "unit")]
public sealed class IoProbeLogTests
{
    [Fact]
    public void Reads_the_header_every_write_and_the_summary_of_a_recorded_run()
    {
        var log = IoProbeLog.Parse(RecordedOutput.Write);

        log.Header.Should().Contain(new Dictionary<string, string>
        {
            ["version"] = "1", ["mode"] = "write", ["device"] = "/dev/loop0", ["run"] = "rec-7f3a", ["clock"] = "realtime", ["dsync"] = "1",
        });
        log.BlockSize.Should().Be(4096);
        log.HeaderInt("slots").Should().Be(16);
        log.Writes.Should().HaveCount(52);
        log.Writes.Select(w => w.Seq).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        log.Writes.Count(w => w.Acknowledged).Should().Be(45);
        log.Writes.Where(w => !w.Acknowledged).Should().OnlyContain(w => w.Errno == 5 && w.ErrnoName == "EIO" && w.Outcome == "EIO");
        log.Writes.Where(w => !w.Acknowledged).Select(w => w.Seq).Should().Equal(28, 29, 30, 31, 32, 33, 34);
        log.Writes[18].Should().Be(new IoWrite(19, 2, 1795967068189239927, 1795967068690951212, 0, null, null));
        log.Writes[18].Latency.Should().Be(TimeSpan.FromTicks(5017112));
        log.Summary.Should().Contain(new Dictionary<string, string> { ["end"] = "signal:TERM", ["writes"] = "52", ["ok"] = "45", ["errors"] = "7" });
        log.Unparsed.Should().BeEmpty();
    }

    [Fact]
    public void A_short_write_is_a_failure_that_says_how_many_bytes_went()
    {
        var log = IoProbeLog.Parse("W 3 2 1000 2000 short:2048\nW 4 3 3000 4000 110 ETIMEDOUT\nW 5 4 5000 6000 5\n");

        log.Writes[0].Should().Be(new IoWrite(3, 2, 1000, 2000, 0, null, 2048));
        log.Writes[0].Acknowledged.Should().BeFalse();
        log.Writes[0].Outcome.Should().Be("short");
        log.Writes[1].Outcome.Should().Be("ETIMEDOUT");
        log.Writes[2].Outcome.Should().Be("errno 5", "a line without the errno's name still counts");
    }

    [Fact]
    public void Reads_every_status_of_a_recorded_verify()
    {
        var log = IoProbeLog.Parse(RecordedOutput.Verify);

        log.Header!["mode"].Should().Be("verify");
        log.Slots.Should().HaveCount(16);
        log.Slots[0].Should().BeEquivalentTo(new IoVerifySlot(0, IoVerifyStatus.Ok, 49, [], null));
        log.Slots[4].Should().BeEquivalentTo(new IoVerifySlot(4, IoVerifyStatus.Ok, 5, [], null));
        log.Slots[6].Status.Should().Be(IoVerifyStatus.Empty);
        log.Slots[8].Should().BeEquivalentTo(new IoVerifySlot(8, IoVerifyStatus.Torn, null, [9, 9, 9, 9, 41, 41, 41, 41], null));
        log.Slots[10].Should().BeEquivalentTo(new IoVerifySlot(10, IoVerifyStatus.Bad, 43, [], null));
        log.Slots[12].Status.Should().Be(IoVerifyStatus.Foreign);
        log.Summary.Should().Contain(new Dictionary<string, string> { ["slots"] = "16", ["ok"] = "12", ["torn"] = "1", ["bad"] = "1" });

        var unreadable = IoProbeLog.Parse(RecordedOutput.VerifyUnreadable).Slots;
        unreadable.Should().HaveCount(2).And.OnlyContain(s => s.Status == IoVerifyStatus.Unreadable && s.ErrnoName == "EIO");
    }

    [Fact]
    public void Reads_the_reads_of_a_version_2_writer_and_none_from_version_1()
    {
        // The header and the first reads of Checkers.Tests/Fixtures/io-probe-rollback/io-probe.log (recorded on this
        // machine); the torn and the failed read are the same format (classify and print_unreadable, as verify's).
        var log = IoProbeLog.Parse("""
            H sanchaos-ioprobe 2 mode=write device=/tmp/probe-w/rb.img offset=1048576 size=1048576 block=4096 slots=256 run=rb-20c1 pid=32545 clock=realtime pause_ms=5 dsync=1 start_ns=1796678762128731425 sample_every=8 reuse=read-first
            R sample 128 1796678763241018035 1796678763241192851 12 13 ok
            R reuse 193 1796678763940592539 1796678763941048360 0 1 ok
            R sample 608 1796678767451020114 1796678767451135062 176 - torn 177,177,-,-,-,-,-,-
            R reuse 700 1796678768000000000 1796678768000100000 9 - unreadable 5 EIO
            """);

        log.Header.Should().Contain(new Dictionary<string, string> { ["version"] = "2", ["sample_every"] = "8", ["reuse"] = "read-first" });
        log.Reads.Should().HaveCount(4);
        log.Reads[0].Should().BeEquivalentTo(new IoRead(IoReadPurpose.Sample, 128, 1796678763241018035, 1796678763241192851,
            new IoVerifySlot(12, IoVerifyStatus.Ok, 13, [], null)));
        log.Reads[1].Purpose.Should().Be(IoReadPurpose.Reuse);
        log.Reads[2].Result.SectorSeqs.Should().Equal(177, 177, null, null, null, null, null, null);
        log.Reads[3].Result.Should().BeEquivalentTo(new IoVerifySlot(9, IoVerifyStatus.Unreadable, null, [], "EIO"));
        log.Reads[0].Completed(TimeSpan.FromSeconds(1)).Should().Be(DateTimeOffset.UnixEpoch.AddTicks(1796678763241192851 / 100).AddSeconds(-1));
        log.Unparsed.Should().BeEmpty();
        IoProbeLog.Parse(RecordedOutput.Write).Reads.Should().BeEmpty("version 1 did not read during its run");
    }

    [Theory]
    [InlineData("R scan 1 2 3 4 5 ok")]
    [InlineData("R reuse x 2 3 4 5 ok")]
    [InlineData("R reuse 1 2 3 4 - ok")]
    [InlineData("R sample 1 2 3")]
    public void A_read_line_that_is_not_the_probe_s_is_kept_unparsed(string line)
    {
        var log = IoProbeLog.Parse(line);

        log.Reads.Should().BeEmpty();
        log.Unparsed.Should().Equal(line);
    }

    [Fact]
    public void Torn_sectors_without_a_header_of_the_run_are_null()
    {
        var log = IoProbeLog.Parse("V 7 - torn 12,-,-,12");
        log.Slots.Single().SectorSeqs.Should().Equal(12, null, null, 12);
    }

    [Fact]
    public void Keeps_what_it_does_not_understand_and_skips_comments_and_blank_lines()
    {
        var log = new IoProbeLog();

        log.Add("# exit 0").Should().BeTrue();
        log.Add("").Should().BeTrue();
        log.Add("W 1 0 10 x 0").Should().BeFalse();
        log.Add("V 3 - sideways").Should().BeFalse();
        log.Add("V 3 - ok").Should().BeFalse("an ok slot names its write");
        log.Add("bash: sanchaos-ioprobe: command not found").Should().BeFalse();

        log.Unparsed.Should().HaveCount(4);
        log.Writes.Should().BeEmpty();
        log.Slots.Should().BeEmpty();
        log.Header.Should().BeNull();
    }
}
