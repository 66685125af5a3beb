using FluentAssertions;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Checkers.Writes;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>The acknowledged-writes checker on probe read-backs: the recorded FUSE-disk run with lost, stale and torn
/// slots, the recorded run whose region went back in time, the probe scripted through the recorded takeover (clean,
/// with a planted loss, and behind a cut replication cable), and recorded histories of the version 1 probe.</summary>
[Trait("Category", "unit")]
public sealed class AcknowledgedWritesCheckerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Verdict Check(HistoryBuilder b, string? artifacts = null) => Checking.Run(new AcknowledgedWritesChecker(), b.Input(artifacts));

    private static HistoryBuilder Alone(ProbeRun run) => new HistoryBuilder(Lab).AddAll(run.Events(run.Analysis.End.AddSeconds(1)));

    private static Verdict Recorded(string fixture) => Checking.Run(new AcknowledgedWritesChecker(),
        new CheckInput(HistoryFile.InTimeOrder(HistoryFile.Read(Path.Combine("Fixtures", fixture, "history.jsonl"))), Lab));

    [Fact]
    public void Every_write_acknowledged_through_the_takeover_reads_back()
    {
        var probe = Probe();
        var v = Check(History(probe));

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        var r = probe.Readback;
        r.Acknowledged.Should().BeGreaterThan(256 * 2, "the probe went round its 256 slots more than twice");
        v.Summary.Should().Be($"every acknowledged write read back intact ({r.Acknowledged} acknowledged writes: 256 slots read back at the end, " +
                              $"{r.ReadsDuringRun} reads during the run)");
        v.Figures.Should().Contain(new Dictionary<string, double> { ["lost"] = 0, ["unverified"] = 0, ["checked"] = 256 });
    }

    [Fact]
    public void Lost_stale_and_torn_blocks_of_the_recorded_run_are_invalid_with_slot_and_sequence_number()
    {
        var v = Check(Alone(ProbeRun.Fuse()));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().StartWith("5 acknowledged write(s) did not read back (2 lost, 1 stale, 2 torn, 0 unexpected, 0 unreadable of 45 acknowledged writes): " +
                                     "seq 37,39,41,43,45, acknowledged 2026-");
        v.Evidence.Should().HaveCount(6);
        v.Evidence[0].What.Should().StartWith("slot 4: last acknowledged write seq 37").And.Contain("found the older seq 5");
        v.Evidence[5].What.Should().StartWith("29 of 45 acknowledged writes were replaced by a later write before any read of their slot succeeded (seq 1-",
            "the recording comes from a version 1 probe, which never read a slot back before writing it again");
        v.Evidence.Should().OnlyContain(e => e.Node == "badger" && e.Source!.StartsWith("io.readback #", StringComparison.Ordinal));
        v.Figures.Should().Contain(new Dictionary<string, double> { ["lost"] = 2, ["stale"] = 1, ["torn"] = 2, ["checked"] = 16, ["unverified"] = 29 });
    }

    [Fact]
    public void With_the_probe_s_logs_in_the_scenario_folder_each_finding_carries_its_times()
    {
        var run = ProbeRun.Fuse();

        var v = Check(Alone(run), run.WriteArtifacts(_folder.Path));

        v.Status.Should().Be(VerdictStatus.Invalid);
        var stale = v.Evidence[0];
        stale.Source.Should().Be("io-verify.log slot 4, seq 37");
        stale.At.Should().Be(DateTimeOffset.UnixEpoch.AddTicks(1795967069611219640 / 100), "seq 37 was acknowledged then");
        stale.What.Should().StartWith("stale: slot 4: last acknowledged write seq 37");
        v.Evidence.SkipLast(1).Select(e => e.What.Split(':')[0]).Should().Equal("stale", "lost", "torn", "torn", "lost");
        v.Evidence[^1].What.Should().StartWith("29 of 45 acknowledged writes were replaced by a later write before any read of their slot succeeded (seq 1-");
    }

    [Fact]
    public void A_region_that_went_back_in_time_is_invalid_although_the_read_back_at_the_end_is_intact()
    {
        // Fixtures/io-probe-rollback: the real probe (version 2) on a file of this machine; 2 s into the run the region
        // was copied, 1.5 s later the copy was written back over it: the blocks of 1.5 s ago, as a survivor serves that
        // never got them. The probe then wrote every slot again, so verify finds all 256 intact.
        var run = ProbeRun.Recorded("io-probe-rollback");
        var finalOnly = IoReadback.Classify(run.Analysis.Writes, IoProbeLog.Parse(run.VerifyLog).Slots, TimeSpan.Zero);
        finalOnly.Findings.Should().BeEmpty("every slot was written again after the roll-back: the read-back at the end sees nothing");

        var v = Check(Alone(run), run.WriteArtifacts(_folder.Path));

        v.Status.Should().Be(VerdictStatus.Invalid, v.ToString());
        var findings = run.Readback.Findings;
        findings.Should().OnlyContain(f => f.Kind == IoReadbackKind.Stale && f.Purpose != IoReadPurpose.Final);
        findings.Should().Contain(f => f.Purpose == IoReadPurpose.Sample, "a sample read soon after the roll-back found an older write");
        findings.Should().Contain(f => f.Purpose == IoReadPurpose.Reuse);
        v.Summary.Should().StartWith($"{findings.Count} acknowledged write(s) did not read back (0 lost, {findings.Count} stale, 0 torn, 0 unexpected, 0 unreadable " +
                                     $"of {run.Readback.Acknowledged} acknowledged writes): seq ");
        var first = v.Evidence[0];
        first.What.Should().MatchRegex(@"^stale: slot \d+: last acknowledged write seq \d+ \(ok, submitted [0-9:.]+\); read (during the run|before the slot was written again) at [0-9:.]+: found the older seq \d+");
        first.Source.Should().MatchRegex(@"^io-probe\.log R (sample|reuse) slot \d+, seq \d+$");
        first.At.Should().Be(findings[0].Acknowledged);
    }

    [Fact]
    public void The_replication_cable_cut_before_the_power_loss_loses_writes_that_later_writes_cover_and_is_invalid()
    {
        var probe = CutThenPowerLoss();
        var writes = probe.Analysis.Writes;
        var cut = PowerOff.AddSeconds(-20);
        // The last write acknowledged before the cut and the last before the power loss, in each slot: the survivor has the first, the application was told the second.
        var lastAcked = writes.Where(w => w.Acknowledged && w.Completed(TimeSpan.Zero) < PowerOff).GroupBy(w => w.Slot).ToDictionary(g => g.Key, g => g.Max(w => w.Seq));
        lastAcked.Should().HaveCount(128);
        var lostSeqs = lastAcked.Values.Where(s => writes.Single(w => w.Seq == s).Completed(TimeSpan.Zero) >= cut).Order().ToArray();
        lostSeqs.Should().HaveCount(128, "the probe went round its 128 slots during the 20 s of the cut");

        var v = Check(History(probe));

        v.Status.Should().Be(VerdictStatus.Invalid, v.ToString());
        var r = probe.Readback;
        r.Findings.Select(f => f.AcknowledgedSeq).Should().Equal(lostSeqs);
        r.Findings.Should().OnlyContain(f => f.Kind == IoReadbackKind.Stale && f.Purpose != IoReadPurpose.Final && f.ReadAt > PathsBack);
        r.Unverified.Should().BeEmpty();
        var first = writes.Single(w => w.Seq == lostSeqs[0]).Completed(TimeSpan.Zero);
        var last = writes.Single(w => w.Seq == lostSeqs[^1]).Completed(TimeSpan.Zero);
        v.Summary.Should().Be($"128 acknowledged write(s) did not read back (0 lost, 128 stale, 0 torn, 0 unexpected, 0 unreadable of {r.Acknowledged} acknowledged writes): " +
                             $"seq {lostSeqs[0]}-{lostSeqs[^1]}, acknowledged {first.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} to {last.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}");
        v.Evidence.Should().HaveCount(101);
        v.Evidence[0].What.Should().StartWith($"slot {writes.Single(w => w.Seq == lostSeqs[0]).Slot}: last acknowledged write seq {lostSeqs[0]} (ok, submitted ");
        v.Evidence[100].What.Should().Be("... and 28 more findings (see io-report.txt)");

        IoReadback.Classify(writes, IoProbeLog.Parse(probe.VerifyLog).Slots, TimeSpan.Zero).Findings.Should()
            .BeEmpty("every slot was written again after the takeover: the read-back at the end, all a version 1 probe had, saw nothing");
    }

    [Fact]
    public void With_the_probe_s_logs_each_write_lost_behind_the_cut_cable_names_the_read_that_found_it()
    {
        var probe = CutThenPowerLoss();

        var v = Check(History(probe), probe.WriteArtifacts(_folder.Path));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Evidence.Should().HaveCount(AcknowledgedWritesChecker.EvidenceLimit + 1);
        var f = probe.Readback.Findings[0];
        v.Evidence[0].Should().BeEquivalentTo(new Evidence(
            $"stale: {f.Detail} (acknowledged at {f.Acknowledged.UtcDateTime:HH:mm:ss.fff})", f.Acknowledged, "badger",
            $"io-probe.log R {f.Purpose.ToString().ToLowerInvariant()} slot {f.Slot}, seq {f.AcknowledgedSeq}"));
        f.Detail.Should().Contain($"at {f.ReadAt!.Value.UtcDateTime:HH:mm:ss.fff}: found the older seq ");
        v.Evidence[^1].What.Should().Be("... and 28 more findings (see io-report.txt)");
    }

    [Fact]
    public void With_the_replication_cable_intact_the_same_power_loss_loses_nothing()
    {
        var v = Check(History(CutThenPowerLoss(cutFor: TimeSpan.Zero)));

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
    }

    [Fact]
    public void The_same_cut_seen_by_a_probe_that_never_read_during_its_run_is_unknown_not_valid()
    {
        var v2 = CutThenPowerLoss();
        var v1 = new ProbeRun(string.Join('\n', v2.WriteLog.Split('\n').Where(l => !l.StartsWith("R ", StringComparison.Ordinal))), v2.VerifyLog, stopped: PowerOn.AddSeconds(-1));

        var v = Check(History(v1));

        v.Status.Should().Be(VerdictStatus.Unknown, v.ToString());
        v.Summary.Should().StartWith($"{v1.Readback.Unverified.Count} of {v1.Readback.Acknowledged} acknowledged writes were replaced by a later write before any read of their slot succeeded (seq 1-");
        v1.Readback.Unverified.Count.Should().Be(v1.Readback.Acknowledged - 128, "only the last write of each slot was read back");
    }

    [Fact]
    public void A_read_back_recorded_before_version_2_counts_the_overwritten_writes_as_unverified()
    {
        // Fixtures/kill-heartbeat: 37791 writes acknowledged into 8192 slots, "8192 slots checked: 8192 ok".
        var v = Recorded("kill-heartbeat");

        v.Status.Should().Be(VerdictStatus.Unknown, v.ToString());
        v.Summary.Should().Be("29599 of 37791 acknowledged writes were overwritten before any read of their slot: the read-back (an I/O probe before " +
                              "version 2) checked only the last write of each of 8192 slots, so whether they survived is unknown");
        v.Figures.Should().Contain(new Dictionary<string, double> { ["unverified"] = 29599, ["checked"] = 8192 });
    }

    [Fact]
    public void A_read_back_recorded_before_version_2_of_a_run_that_never_went_round_its_region_is_valid()
    {
        // Fixtures/takeover-by-preferred-node: 4131 writes acknowledged into 8192 slots, every one read back.
        var v = Recorded("takeover-by-preferred-node");

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Summary.Should().Be("every acknowledged write read back intact (4131 acknowledged writes: 4131 slots read back at the end, 0 reads during the run)");
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
