using FluentAssertions;
using SanChaos.Reporting.Charts;
using SanChaos.Reporting.Runs;
using SanChaos.Reporting.Tests.Fixtures;
using Xunit;

namespace SanChaos.Reporting.Tests.Charts;

/// <summary>The failover timeline read from the recorded kill-primary run (RunFixtures).</summary>
[Trait("Category", "unit")]
public sealed class FailoverTimelineTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private FailoverTimeline Timeline(TimeSpan delay = default) =>
        FailoverTimeline.From(RunFolder.Load(RunFixtures.Write(_tmp.Path, "run-" + delay.TotalSeconds, delay)).Scenarios[0].History)!;

    [Fact]
    public void The_milestones_of_a_failover_are_on_it_in_order_from_the_fault()
    {
        var t = Timeline();
        var (off, on) = RunFixtures.PowerTimes();
        t.Origin.Should().Be(off);
        t.Faults.Should().ContainSingle().Which.Should().Be(new TimelineWindow(off, on, "power-off weasel"));
        var key = t.Marks.Where(m => m.Key).Select(m => m.Label).ToArray();
        key.Should().ContainInOrder(
            "power-off weasel injected", "otter: weasel dead", "path sda failed", "GARP 192.168.1.1 from otter", "GARP 192.168.2.1 from otter",
            "takeover complete on otter", "iSCSI reconnect to 192.168.1.1", "first write acknowledged", "power-off weasel healed");
        t.Lanes.Should().Equal("fault", "Heartbeat", "DRBD / IPs", "GARP storage-a", "GARP storage-b", "iSCSI / multipath", "application I/O");
        // Heartbeat declared weasel dead a deadtime (10 s) after the cut; the application's writes resumed after the takeover.
        t.Seconds(t.Marks.First(m => m.Label == "otter: weasel dead").At).Should().BeInRange(9, 15);
        t.Stall!.To.Should().Be(t.Marks.Single(m => m.Label == "first write acknowledged").At);
        t.Marks.Count(m => m.Key && m.Lane.StartsWith("GARP", StringComparison.Ordinal)).Should().Be(2, "one labelled GARP per network");
    }

    [Fact]
    public void A_planted_delay_moves_the_cluster_s_milestones_not_the_fault()
    {
        var before = Timeline();
        var after = Timeline(TimeSpan.FromSeconds(8));
        double At(FailoverTimeline t, string label) => t.Seconds(t.Marks.First(m => m.Label == label).At);
        (At(after, "takeover complete on otter") - At(before, "takeover complete on otter")).Should().BeApproximately(8, 0.01);
        At(after, "power-off weasel injected").Should().Be(0);
    }

    [Fact]
    public void An_empty_history_has_no_timeline_and_an_unhealed_fault_stays_open()
    {
        FailoverTimeline.From([]).Should().BeNull();
        var t0 = DateTimeOffset.UnixEpoch.AddDays(20000);
        var t = FailoverTimeline.From([new Core.History.HistoryEvent(0, 0, t0, "fault.injected", "cut eth1", "cut eth1: injected", new Dictionary<string, string>())])!;
        t.Faults.Should().ContainSingle().Which.To.Should().BeNull();
    }

    [Fact]
    public void The_I_O_series_has_one_row_per_second_and_its_CSV_counts_from_the_fault()
    {
        var run = RunFolder.Load(RunFixtures.Write(_tmp.Path, "io"));
        var history = run.Scenarios[0].History;
        var rows = IoSeries.From(history);
        rows.Should().NotBeEmpty();
        rows.Select(r => r.Start).Should().BeInAscendingOrder();
        rows.Sum(r => r.Errors).Should().BeGreaterThan(500);
        rows.Should().Contain(r => r.Ok == 0 && r.Errors == 0, "the stall before multipath failed the paths");
        var csv = IoSeries.Csv(rows, RunFixtures.PowerTimes().Off).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv.Should().HaveCount(rows.Count + 1);
        csv[1].Split(',').Should().HaveCount(6);
        double.Parse(csv[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture).Should().BeNegative("the probe ran before the fault");
    }
}
