using FluentAssertions;
using SanChaos.Checkers.Forbidden;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Faults;
using SanChaos.Labs.Provisioning;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>The forbidden-lines checker on the recorded power loss: its raw timeline files and its events, clean and with planted lines.</summary>
[Trait("Category", "unit")]
public sealed class ForbiddenLinesCheckerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Verdict Check(HistoryBuilder b, string? artifacts = null) => Checking.Run(new ForbiddenLinesChecker(), b.Input(artifacts));

    /// <summary>The recording's timeline files in a scenario folder, <paramref name="extra"/> appended to <paramref name="node"/>'s.</summary>
    private string Folder(string node, params string[] extra)
    {
        Directory.CreateDirectory(_folder.Path);
        foreach (var f in Directory.GetFiles(KillPrimary.Folder, "timeline-*.log")) File.Copy(f, Path.Combine(_folder.Path, Path.GetFileName(f)));
        File.AppendAllLines(Path.Combine(_folder.Path, $"timeline-{node}.log"), extra);
        return _folder.Path;
    }

    [Fact]
    public void The_patterns_are_the_catalog_s_data()
    {
        ForbiddenPatterns.From(CommandCatalog.Default).Select(p => p.Name).Should().Contain(
            ["kernel-oops", "drbd-split-brain", "drbd-unrelated-data", "heartbeat-both-own", "heartbeat-partition"]);
        var both = ForbiddenPatterns.Default.Single(p => p.Name == "heartbeat-both-own");
        both.Matches("H", "Nov 29 15:38:12 otter heartbeat: [487]: ERROR: Both machines own our resources!").Should().BeTrue();
        both.Matches("K", "ERROR: Both machines own our resources!").Should().BeFalse("it is a Heartbeat line, not a kernel one");
    }

    [Fact]
    public void The_recorded_power_loss_logs_nothing_forbidden_in_its_raw_files_or_its_events()
    {
        var files = Check(History(), KillPrimary.Folder);
        var events = Check(History());

        files.Status.Should().Be(VerdictStatus.Valid, files.ToString());
        files.Summary.Should().Be("no forbidden line in 502 log line(s) from otter, weasel, badger");
        files.Figures!["lines_read"].Should().Be(502, "the 29 state sample and address lines are not logs");
        // From the events alone weasel, the node that lost power, has only state samples and addresses: no line shows
        // that its logs were followed.
        events.Status.Should().Be(VerdictStatus.Unknown, events.ToString());
        events.Summary.Should().StartWith("no forbidden line seen, but lines are missing: no log line from weasel in the history or the scenario folder (only ");
    }

    [Fact]
    public void A_node_that_sent_only_state_samples_is_not_a_node_whose_logs_were_read()
    {
        // Planted: badger's raw file without its kernel and journal lines (its followers dead), its sampler still running.
        Directory.CreateDirectory(_folder.Path);
        foreach (var f in Directory.GetFiles(KillPrimary.Folder, "timeline-*.log")) File.Copy(f, Path.Combine(_folder.Path, Path.GetFileName(f)));
        var badger = Path.Combine(_folder.Path, "timeline-badger.log");
        File.WriteAllLines(badger, File.ReadAllLines(badger).Where(l => l.StartsWith("S ", StringComparison.Ordinal) || l.StartsWith("A0 ", StringComparison.Ordinal)));

        var v = Check(History(), _folder.Path);

        v.Status.Should().Be(VerdictStatus.Unknown, v.ToString());
        v.Summary.Should().Be("no forbidden line seen, but lines are missing: no log line from badger in the history or the scenario folder " +
                              "(only 8 state sample or address line(s), which do not show its logs were followed)");
    }

    [Fact]
    public void A_kernel_oops_on_the_client_is_caught_from_its_event_with_node_and_time()
    {
        var at = PowerOff.AddSeconds(30);
        var v = Check(History().Line("badger", "K", at, "2026-11-29T15:38:32,600000+00:00 BUG: kernel NULL pointer dereference, address: 0000000000000008"));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Be("1 forbidden line(s): kernel-oops on badger");
        var e = v.Evidence.Single(x => x.What.StartsWith("kernel-oops", StringComparison.Ordinal));
        e.Node.Should().Be("badger");
        e.At!.Value.Should().BeCloseTo(at, TimeSpan.FromMilliseconds(1));
        e.What.Should().StartWith("kernel-oops: badger: 2026-11-29T15:38:32,600000+00:00 BUG: kernel NULL pointer dereference");
    }

    [Fact]
    public void Lines_no_timeline_rule_turns_into_an_event_are_caught_in_the_raw_files_with_file_and_line()
    {
        var at = PowerOff.AddSeconds(70);
        var folder = Folder("otter",
            HistoryBuilder.Raw("K", at, "2026-11-29T15:39:12,600000+00:00 block drbd0: Unrelated data, aborting!"),
            HistoryBuilder.Raw("H", at.AddSeconds(1), "Nov 29 15:39:13 otter heartbeat: [487]: ERROR: Both machines own our resources!"));

        var v = Check(History(), folder);

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Be("2 forbidden line(s): drbd-unrelated-data on otter; heartbeat-both-own on otter");
        v.Evidence.Select(e => e.Source).Should().Equal("timeline-otter.log:396", "timeline-otter.log:397");
        v.Evidence[1].What.Should().Be("heartbeat-both-own: Nov 29 15:39:13 otter heartbeat: [487]: ERROR: Both machines own our resources! " +
                                       "(Heartbeat saw both nodes holding the resource group)");
        Check(History()).Status.Should().NotBe(VerdictStatus.Invalid, "the events alone do not have the DRBD line");
    }

    [Fact]
    public void A_node_whose_stream_was_lost_while_it_had_power_leaves_the_verdict_unknown()
    {
        var v = Check(History().Remove(e => e.Source == KillFault), KillPrimary.Folder);

        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Summary.Should().Be("no forbidden line seen, but lines are missing: weasel's lines from 15:37:57.917 to 15:39:05.563 are missing: " +
                              "its stream was lost while it had power (weasel: observation stream ended (exit 255: Connection timed out))");
    }

    [Fact]
    public void A_stream_lost_while_the_PDU_request_of_a_power_cut_still_ran_is_explained_by_the_cut()
    {
        // Seen on the lab: the node froze at `fault.injecting`, its stream ended 1.7 s later, the PDU answered (and
        // `fault.injected` was recorded) 27 ms after that.
        var b = History().Remove(e => e.Source == KillFault)
            .Fault(KillFault, FaultKinds.KillPrimary, "weasel", PowerOff.AddSeconds(15.4), PowerOn, injecting: TimeSpan.FromSeconds(15.4));
        Check(b, KillPrimary.Folder).Status.Should().Be(VerdictStatus.Valid);
    }
}
