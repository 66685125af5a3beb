using FluentAssertions;
using SanChaos.Core.History;
using SanChaos.Core.Time;
using SanChaos.Core.Waiting;
using Xunit;

namespace SanChaos.Core.Tests;

public sealed class WaitTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task Returns_the_probe_that_held()
    {
        var n = 0;
        var p = await Wait.UntilAsync("third time lucky", _ => Task.FromResult(++n == 3 ? Probe.Yes("3") : Probe.No($"{n}")), TimeSpan.FromSeconds(5), Tick);
        p.Observed.Should().Be("3");
        n.Should().Be(3);
    }

    [Fact]
    public async Task Times_out_naming_the_condition_the_last_observation_and_the_remedy()
    {
        var n = 0;
        var act = () => Wait.UntilAsync("DRBD Connected on otter", _ => Task.FromResult(Probe.No($"cs:WFConnection #{++n}")),
            TimeSpan.FromMilliseconds(60), Tick, remedy: "check eth1");
        var e = (await act.Should().ThrowAsync<WaitTimeoutException>()).Which;
        e.Condition.Should().Be("DRBD Connected on otter");
        e.LastSeen.Should().StartWith("cs:WFConnection #");
        e.Message.Should().Contain("DRBD Connected on otter").And.Contain("What to do: check eth1");
    }

    [Fact]
    public async Task An_exception_in_a_check_counts_as_not_yet_and_becomes_the_observation()
    {
        var act = () => Wait.UntilAsync("node answers", _ => throw new IOException("connection refused"), TimeSpan.FromMilliseconds(40), Tick);
        (await act.Should().ThrowAsync<WaitTimeoutException>()).Which.LastSeen.Should().Be("IOException: connection refused");
    }

    [Fact]
    public async Task A_check_cut_off_by_the_deadline_keeps_what_the_previous_check_saw()
    {
        var n = 0;
        var act = () => Wait.UntilAsync("slow probe", async ct =>
        {
            if (++n == 1) return Probe.No("paths: sda active, sdb failed");
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return Probe.Yes();
        }, TimeSpan.FromMilliseconds(150), Tick);
        (await act.Should().ThrowAsync<WaitTimeoutException>()).Which.LastSeen.Should().StartWith("paths: sda active, sdb failed").And.Contain("cut off");
    }

    [Fact]
    public async Task Cancellation_stops_the_wait_at_once()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var act = () => Wait.UntilAsync("never", _ => Task.FromResult(Probe.No("no")), TimeSpan.FromMinutes(5), Tick, ct: cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData("10 s", 10_000)]
    [InlineData("500 ms", 500)]
    [InlineData("2 min", 120_000)]
    [InlineData("1.5 h", 5_400_000)]
    public void Durations_read_as_engineers_write_them(string text, long ms)
    {
        Durations.TryParse(text, out var d).Should().BeTrue();
        d.Should().Be(TimeSpan.FromMilliseconds(ms));
        Durations.TryParse(Durations.Format(d), out var back).Should().BeTrue();
        back.Should().Be(d);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("ten s")]
    [InlineData("10 parsecs")]
    public void Not_durations(string text) => Durations.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void History_is_ordered_and_timestamped_monotonically()
    {
        var h = new RunHistory(TimeProvider.System);
        var a = h.Append(EventKinds.FaultInjected, "test", "power off otter", new Dictionary<string, string> { ["node"] = "otter" });
        var b = h.Append(EventKinds.FaultHealed, "test", "power on otter");
        h.Events.Should().Equal(a, b);
        b.Sequence.Should().Be(1);
        b.Timestamp.Should().BeGreaterThanOrEqualTo(a.Timestamp);
        h.Between(a, b).Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
        a.Data["node"].Should().Be("otter");
    }

    [Fact]
    public async Task Throughout_checks_for_the_whole_window_and_returns_how_often()
    {
        var n = 0;
        var checks = await Wait.ThroughoutAsync("one holder", _ => Task.FromResult(Probe.Yes($"{++n}")), TimeSpan.FromMilliseconds(60), Tick);
        checks.Should().Be(n).And.BeGreaterThan(2);
    }

    [Fact]
    public async Task Throughout_fails_at_the_first_violation_saying_when_and_what_was_seen()
    {
        var n = 0;
        var act = () => Wait.ThroughoutAsync("exactly one node holds the resources",
            _ => Task.FromResult(++n < 3 ? Probe.Yes("weasel") : Probe.No("otter and weasel")), TimeSpan.FromSeconds(10), Tick);
        var e = (await act.Should().ThrowAsync<Errors.SanChaosException>()).Which;
        e.Problem.Should().Contain("exactly one node holds the resources did not hold").And.Contain("(check 3): otter and weasel");
        n.Should().Be(3, "the watch stops at the violation");
    }

    [Fact]
    public async Task Throughout_counts_a_throwing_check_as_a_violation()
    {
        var act = () => Wait.ThroughoutAsync("node answers", _ => throw new IOException("connection refused"), TimeSpan.FromSeconds(10), Tick);
        (await act.Should().ThrowAsync<Errors.SanChaosException>()).Which.Problem.Should().Contain("IOException: connection refused");
    }
}
