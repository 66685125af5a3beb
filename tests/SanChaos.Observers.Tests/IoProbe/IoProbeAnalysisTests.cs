using FluentAssertions;
using SanChaos.Observers.IoProbe;
using Xunit;

namespace SanChaos.Observers.Tests.IoProbe;

[Trait("Category", "unit")]
public sealed class IoProbeAnalysisTests
{
    private const long Ms = 1_000_000;
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    private static IoProbeAnalysis Recorded(TimeSpan offset = default, DateTimeOffset? until = null)
    {
        var log = IoProbeLog.Parse(RecordedOutput.Write);
        return IoProbeAnalysis.Analyze(log.Writes, log.BlockSize, offset, until);
    }

    private static DateTimeOffset At(long ns) => Epoch.AddTicks(ns / 100);

    /// <summary>A write submitted at <paramref name="submitMs"/> and returning at <paramref name="completeMs"/> (ms since the epoch).</summary>
    private static IoWrite W(long seq, long submitMs, long completeMs, int errno = 0) =>
        new(seq, (seq - 1) % 8, submitMs * Ms, completeMs * Ms, errno, errno == 0 ? null : "EIO", null);

    [Fact]
    public void The_longest_stall_of_the_recorded_run_is_the_write_the_disk_held()
    {
        var a = Recorded();

        // seq 18 acknowledged, seq 19 held for 501 ms: from the return of 18 to the return of 19.
        a.LongestStall.Should().Be(new IoStall(At(1795967068139133563), At(1795967068690951212), 18, 19, 0));
        a.LongestStall!.Duration.TotalMilliseconds.Should().BeApproximately(551.8, 0.1);
        a.LongestStall.Recovered.Should().BeTrue();
    }

    [Fact]
    public void The_failed_writes_make_a_shorter_stall_and_one_error_window()
    {
        var a = Recorded();

        var stalls = a.Stalls(TimeSpan.FromMilliseconds(300));
        stalls.Should().HaveCount(2);
        stalls[1].Should().Be(new IoStall(At(1795967069095575119), At(1795967069510546369), 27, 35, 7));

        var w = a.ErrorWindows.Should().ContainSingle().Which;
        w.Should().BeEquivalentTo(new
        {
            First = At(1795967069149959286), Last = At(1795967069460242632), FirstSeq = 28L, LastSeq = 34L, Count = 7,
        });
        w.Errors.Should().Equal(new Dictionary<string, int> { ["EIO"] = 7 });
        w.ErrorsText.Should().Be("EIO=7");
    }

    [Fact]
    public void Every_second_is_there_with_its_counts_and_its_longest_write()
    {
        var a = Recorded();

        a.Seconds.Select(s => s.Start).Should().Equal(At(1795967067_000000000), At(1795967068_000000000), At(1795967069_000000000),
            At(1795967070_000000000));
        a.Seconds.Sum(s => s.Ok).Should().Be(45);
        a.Seconds.Sum(s => s.Errors).Should().Be(7);
        a.Seconds.Sum(s => s.BytesOk).Should().Be(45 * 4096);
        a.Seconds[0].Ok.Should().Be(15, "seq 1..15 returned in the first second");
        a.Seconds[1].MaxLatency.Should().Be(TimeSpan.FromTicks(5017112));
        a.Seconds[2].Errors.Should().Be(7);
    }

    [Fact]
    public void Latency_percentiles_cover_acknowledged_writes_only()
    {
        var a = Recorded();

        a.Latency.Count.Should().Be(45);
        a.Latency.Max.Should().Be(TimeSpan.FromTicks(5017112));
        a.Latency.P50.Should().BeLessThan(TimeSpan.FromMilliseconds(1));
        a.Latency.P99.Should().Be(a.Latency.Max, "the 99th of 45 values is the largest");

        var l = IoLatency.Of(Enumerable.Range(1, 1000).Select(i => TimeSpan.FromMilliseconds(i)));
        l.Should().Be(new IoLatency(1000, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(990),
            TimeSpan.FromMilliseconds(999), TimeSpan.FromMilliseconds(1000)));
    }

    [Fact]
    public void Node_times_move_onto_the_harness_clock_by_the_offset()
    {
        var ahead = Recorded(TimeSpan.FromSeconds(2));
        var exact = Recorded();

        ahead.NodeClockOffset.Should().Be(TimeSpan.FromSeconds(2));
        ahead.LongestStall!.Start.Should().Be(exact.LongestStall!.Start - TimeSpan.FromSeconds(2), "a node clock ahead reads late");
        ahead.ErrorWindows[0].First.Should().Be(exact.ErrorWindows[0].First - TimeSpan.FromSeconds(2));
        ahead.Start.Should().Be(exact.Start - TimeSpan.FromSeconds(2));
        Recorded(TimeSpan.FromSeconds(-1)).Start.Should().Be(exact.Start + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Throughput_before_during_and_after_a_window_counts_writes_by_when_they_returned()
    {
        var writes = new[] { W(1, 0, 1), W(2, 100, 101), W(3, 200, 300, 5), W(4, 300, 400, 5), W(5, 400, 1500), W(6, 1500, 1501), W(7, 1600, 2000) };
        var a = IoProbeAnalysis.Analyze(writes, 4096, TimeSpan.Zero);

        a.Start.Should().Be(Epoch);
        a.End.Should().Be(Epoch.AddSeconds(2));
        a.Total.Should().Be(new IoThroughput(Epoch, Epoch.AddSeconds(2), 5, 2, 5 * 4096));
        a.Total.WritesPerSecond.Should().Be(2.5);
        a.Total.MegabytesPerSecond.Should().BeApproximately(5 * 4096 / 1e6 / 2, 1e-9);

        var p = a.Around(Epoch.AddMilliseconds(200), Epoch.AddMilliseconds(1500));
        p.Before.Should().Be(new IoThroughput(Epoch, Epoch.AddMilliseconds(200), 2, 0, 2 * 4096));
        p.During.Should().Be(new IoThroughput(Epoch.AddMilliseconds(200), Epoch.AddMilliseconds(1500), 0, 2, 0),
            "seq 5 returned at the window's end, which belongs to after");
        p.After.Should().Be(new IoThroughput(Epoch.AddMilliseconds(1500), Epoch.AddSeconds(2), 3, 0, 3 * 4096));

        var past = a.Around(Epoch.AddMilliseconds(1600), Epoch.AddSeconds(10));
        past.During.To.Should().Be(a.End, "a window reaching past the observation is cut to it");
        past.During.Ok.Should().Be(1, "the last write returned at the end of observation");
        past.After.Duration.Should().Be(TimeSpan.Zero);
        (past.Before.Ok + past.During.Ok + past.After.Ok).Should().Be(a.Total.Ok);
    }

    [Fact]
    public void A_stall_still_going_on_when_observation_ended_is_unrecovered()
    {
        var writes = new[] { W(1, 0, 1), W(2, 10, 11), W(3, 20, 520, 5), W(4, 530, 1030, 5) };
        var a = IoProbeAnalysis.Analyze(writes, 4096, TimeSpan.Zero, Epoch.AddSeconds(5));

        a.LongestStall.Should().Be(new IoStall(Epoch.AddMilliseconds(11), Epoch.AddSeconds(5), 2, null, 2));
        a.LongestStall!.Recovered.Should().BeFalse();
        a.End.Should().Be(Epoch.AddSeconds(5));
        a.ErrorWindows.Should().ContainSingle().Which.Count.Should().Be(2);
    }

    [Fact]
    public void A_stall_from_the_start_has_no_write_before_it()
    {
        var writes = new[] { W(1, 0, 700, 5), W(2, 705, 1400, 5), W(3, 1405, 1406), W(4, 1410, 1411) };
        var a = IoProbeAnalysis.Analyze(writes, 4096, TimeSpan.Zero);

        a.LongestStall.Should().Be(new IoStall(Epoch, Epoch.AddMilliseconds(1406), null, 3, 2));
        a.Seconds.Should().HaveCount(2);
        a.Seconds[0].Should().Be(new IoSecond(Epoch, 0, 1, 0, TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public void Seconds_in_which_nothing_returned_are_zeros()
    {
        var writes = new[] { W(1, 0, 1), W(2, 2, 3500), W(3, 3505, 3506) };
        var a = IoProbeAnalysis.Analyze(writes, 512, TimeSpan.Zero);

        a.Seconds.Select(s => s.Ok).Should().Equal(1, 0, 0, 2);
        a.Seconds[1].Should().Be(new IoSecond(Epoch.AddSeconds(1), 0, 0, 0, TimeSpan.Zero));
        a.Seconds[3].MaxLatency.Should().Be(TimeSpan.FromMilliseconds(3498));
    }

    [Fact]
    public void No_writes_no_stall()
    {
        var a = IoProbeAnalysis.Analyze([], 4096, TimeSpan.Zero, Epoch);

        a.LongestStall.Should().BeNull();
        a.Seconds.Should().BeEmpty();
        a.ErrorWindows.Should().BeEmpty();
        a.Latency.Count.Should().Be(0);
        a.Total.Ok.Should().Be(0);
    }
}
