using FluentAssertions;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Checkers.Writes;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>The acknowledged-writes checker on probe read-backs: the recorded FUSE-disk run with lost, stale and torn
/// slots, and the probe scripted through the recorded takeover, clean or with a planted loss.</summary>
[Trait("Category", "unit")]
public sealed class AcknowledgedWritesCheckerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Verdict Check(HistoryBuilder b, string? artifacts = null) => Checking.Run(new AcknowledgedWritesChecker(), b.Input(artifacts));

    private static HistoryBuilder Fuse(ProbeRun run) => new HistoryBuilder(Lab).AddAll(run.Events(run.Analysis.End.AddSeconds(1)));

    [Fact]
    public void Every_write_acknowledged_through_the_takeover_reads_back()
    {
        var v = Check(History());

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Summary.Should().Be("every acknowledged write read back intact (256 slots checked)");
        v.Figures!["lost"].Should().Be(0);
    }

    [Fact]
    public void Lost_stale_and_torn_blocks_of_the_recorded_run_are_invalid_with_slot_and_sequence_number()
    {
        var v = Check(Fuse(ProbeRun.Fuse()));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Be("5 acknowledged write(s) did not read back (2 lost, 1 stale, 2 torn, 0 unexpected, 0 unreadable of 16 slots)");
        v.Evidence.Should().HaveCount(5);
        v.Evidence[0].What.Should().StartWith("slot 4: last acknowledged write seq 37").And.Contain("found the older seq 5");
        v.Evidence.Should().OnlyContain(e => e.Node == "badger" && e.Source!.StartsWith("io.readback #", StringComparison.Ordinal));
        v.Figures.Should().Contain(new Dictionary<string, double> { ["lost"] = 2, ["stale"] = 1, ["torn"] = 2, ["checked"] = 16 });
    }

    [Fact]
    public void With_the_probe_s_logs_in_the_scenario_folder_each_finding_carries_its_times()
    {
        var run = ProbeRun.Fuse();

        var v = Check(Fuse(run), run.WriteArtifacts(_folder.Path));

        v.Status.Should().Be(VerdictStatus.Invalid);
        var stale = v.Evidence[0];
        stale.Source.Should().Be("io-verify.log slot 4, seq 37");
        stale.At.Should().Be(DateTimeOffset.UnixEpoch.AddTicks(1795967069611219640 / 100), "seq 37 was acknowledged then");
        stale.What.Should().StartWith("stale: slot 4: last acknowledged write seq 37");
        v.Evidence.Select(e => e.What.Split(':')[0]).Should().Equal("stale", "lost", "torn", "torn", "lost");
    }

    [Fact]
    public void A_block_lost_in_the_takeover_is_invalid()
    {
        var probe = Probe(readBack: (slot, seq) => slot == 7 ? "- empty" : null);

        var v = Check(History(probe));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().StartWith("1 acknowledged write(s) did not read back (1 lost,");
        var last7 = probe.Analysis.Writes.Last(w => w.Slot == 7 && w.Acknowledged);
        v.Evidence.Should().ContainSingle().Which.What.Should().StartWith($"slot 7: last acknowledged write seq {last7.Seq} (ok, submitted ").And.EndWith("found zeros");
    }

    [Fact]
    public void Blocks_that_cannot_be_read_back_leave_the_writes_unknown()
    {
        var v = Check(History(Probe(readBack: (slot, seq) => slot < 2 ? "- unreadable 5 EIO" : null)));

        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Summary.Should().StartWith("2 block(s) could not be read back");
        v.Evidence.Should().HaveCount(2).And.OnlyContain(e => e.What.Contains("reading it back failed (EIO)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_or_missing_read_back_is_unknown()
    {
        var probe = Probe();
        var failed = new HistoryBuilder(Lab).AddAll(probe.Events(PowerOn, readbackFailure: "`sanchaos-ioprobe verify` on badger exited 1 after 12 of 256 slots"));
        var missing = new HistoryBuilder(Lab).AddAll(probe.Events(PowerOn, readback: false));
        var none = History(withProbe: false);
        var broken = History(withProbe: false).Add(PowerOff, ObserverEventKinds.Failed, "io-probe", "io-probe: could not start: /dev/mapper/mpio is not a block device",
            ("observer", "io-probe"), ("phase", "start"));

        Check(failed).Should().Match<Verdict>(v => v.Status == VerdictStatus.Unknown && v.Summary.Contains("exited 1 after 12 of 256 slots"));
        Check(missing).Should().Match<Verdict>(v => v.Status == VerdictStatus.Unknown && v.Summary.Contains("recorded no read-back"));
        Check(none).Should().Match<Verdict>(v => v.Status == VerdictStatus.Unknown && v.Summary == "no read-back: no I/O probe ran in this scenario");
        Check(broken).Should().Match<Verdict>(v => v.Status == VerdictStatus.Unknown && v.Summary.Contains("the I/O probe failed: io-probe: could not start"));
        probe.Events(PowerOn).Should().Contain(e => e.Kind == IoEventKinds.Readback);
    }
}
