using System.Globalization;
using FluentAssertions;
using SanChaos.Checkers.Application;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Core;
using SanChaos.Inventory.Loading;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;
using SanChaos.Core.History;

namespace SanChaos.Checkers.Tests;

/// <summary>
/// "The application sees no I/O error" and "the I/O stall is at most N" on probe histories (data keys as the probe
/// writes them: the figures of the recorded takeover-by-preferred-node probe, 49.972 s and 3963 EIO from the seeds'
/// kill-primary drill), and on the recorded power loss (Support/KillPrimary) for the race that decides the errors.
/// </summary>
[Trait("Category", "unit")]
public sealed class ApplicationCheckerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 16, 1, 26, TimeSpan.Zero);

    /// <summary>
    /// A probe's events: a stall of <paramref name="stallMs"/> (none when null), optionally errors, and a summary whose
    /// probe_end and probe_exit are what the observer records for a probe it stopped (signal:TERM, 0) unless given.
    /// </summary>
    private static HistoryBuilder Probe(bool errors, double? stallMs, bool summary = true, bool recovered = true, string? end = "signal:TERM", string? exit = "0")
    {
        var h = new HistoryBuilder(InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml")));
        h.Add(T0, IoEventKinds.Started, "io-probe", "probe started", ("node", "badger"));
        if (stallMs is { } ms)
            h.Add(T0.AddSeconds(1), IoEventKinds.Stall, "io-probe", $"{ms / 1000:0.000} s without an acknowledged write",
                ("node", "badger"), ("duration_ms", ms.ToString(CultureInfo.InvariantCulture)), ("recovered", recovered ? "true" : "false"));
        if (errors)
            h.Add(T0.AddSeconds(20), IoEventKinds.Errors, "io-probe", "3963 write(s) failed (EIO=3963)",
                ("node", "badger"), ("count", "3963"), ("errors", "EIO=3963"), ("duration_ms", "29656"));
        (string, string)[] data = [("node", "badger"), .. end is null ? [] : new[] { ("probe_end", end) }, .. exit is null ? [] : new[] { ("probe_exit", exit) }];
        if (summary) h.Add(T0.AddSeconds(90), IoEventKinds.Summary, "io-probe", "7560 writes", data);
        return h;
    }

    [Fact]
    public void Errors_the_application_got_are_invalid_with_each_window_as_evidence()
    {
        var v = new ApplicationErrorsChecker().Check(Probe(errors: true, 49_972).Input());
        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Contain("3963").And.Contain("EIO=3963");
        v.Evidence.Should().ContainSingle().Which.At.Should().Be(T0.AddSeconds(20));
        v.Figures!["io_errors"].Should().Be(3963);
    }

    [Fact]
    public void A_stall_without_errors_is_valid_for_the_application() =>
        new ApplicationErrorsChecker().Check(Probe(errors: false, 49_972).Input()).Status.Should().Be(VerdictStatus.Valid);

    [Fact]
    public void Without_the_probe_s_summary_errors_are_unknown()
    {
        new ApplicationErrorsChecker().Check(Probe(errors: false, 0, summary: false).Input()).Status.Should().Be(VerdictStatus.Unknown);
        new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, 0, summary: false).Input()).Status.Should().Be(VerdictStatus.Unknown);
    }

    [Theory]
    [InlineData(null, "0", "printed no summary line")] // killed: no S line
    [InlineData("stdout-closed", "0", "output broke")]
    [InlineData("duration", "0", "stopped on its own")]
    [InlineData("signal:TERM", "1", "exited 1")]
    [InlineData("signal:TERM", null, "exit status was not seen")]
    public void No_error_from_a_probe_that_died_or_exited_non_zero_is_unknown_not_valid(string? end, string? exit, string why)
    {
        var v = new ApplicationErrorsChecker().Check(Probe(errors: false, 257, end: end, exit: exit).Input());

        v.Status.Should().Be(VerdictStatus.Unknown, v.ToString());
        v.Summary.Should().StartWith("no write failed while the probe reported, but the I/O probe").And.Contain(why);
        v.Evidence.Should().Contain(e => e.Source!.StartsWith(IoEventKinds.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_a_dying_probe_saw_are_still_invalid_and_a_failed_probe_is_unknown()
    {
        new ApplicationErrorsChecker().Check(Probe(errors: true, 49_972, end: null).Input()).Status.Should().Be(VerdictStatus.Invalid);

        var failed = Probe(errors: false, 257).Add(T0.AddSeconds(95), ObserverEventKinds.Failed, "io-probe", "io-probe: stop failed: stream broken");
        var v = new ApplicationErrorsChecker().Check(failed.Input());
        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Summary.Should().Contain("the I/O probe failed: io-probe: stop failed");
    }

    [Fact]
    public void Errors_after_a_lost_race_carry_the_margin_from_the_first_failed_write_to_the_session_s_return()
    {
        // The recorded power loss: the paths failed (recovery timeout) 20.4 s after the cut, the sessions logged in again
        // 36.5 s after it (badger's S line at 1795966719.070532): errors for the difference.
        var back = Seconds("1795966719.070532");

        var v = Checking.Run(new ApplicationErrorsChecker(), History().Input());

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Figures!["margin_s"].Should().BeApproximately((back - PathsFailed).TotalSeconds, 0.002);
        v.Evidence.Should().Contain(e => e.What.StartsWith("race lost by 16.09", StringComparison.Ordinal) && e.At == back);
    }

    [Fact]
    public void No_errors_after_a_won_race_carry_the_margin_from_the_session_s_return_to_when_errors_would_have_begun()
    {
        // The same takeover with writes that only wait (the hung write completes when the paths come back).
        var waited = History(ProbeRun.Scripted(PowerOff.AddSeconds(-20), PowerOn.AddSeconds(-1), PowerOff, PathsBack, PathsBack));
        var back = Seconds("1795966719.070532");
        var tolerance = TimeSpan.FromSeconds(40);

        var won = Checking.Run(new ApplicationErrorsChecker(new ApplicationErrorsOptions { PathLossTolerance = tolerance }), waited.Input());
        var unknownTolerance = Checking.Run(new ApplicationErrorsChecker(), waited.Input());

        won.Status.Should().Be(VerdictStatus.Valid, won.ToString());
        var noticed = won.Evidence.Single(e => e.What.StartsWith("race won by", StringComparison.Ordinal));
        won.Figures!["margin_s"].Should().BeGreaterThan(0).And.BeLessThan(tolerance.TotalSeconds);
        noticed.At.Should().Be(back);
        unknownTolerance.Status.Should().Be(VerdictStatus.Valid);
        unknownTolerance.Figures!.Should().NotContainKey("margin_s", "the race's limit is the configuration's, not in the history");
    }

    [Theory]
    [InlineData(1_500, VerdictStatus.Valid, 0.5)]
    [InlineData(2_000, VerdictStatus.Valid, 0)]
    [InlineData(2_001, VerdictStatus.Invalid, -0.001)]
    [InlineData(49_972, VerdictStatus.Invalid, -47.972)]
    public void A_stall_is_judged_against_the_bound_with_its_margin(double stallMs, VerdictStatus expected, double margin)
    {
        var v = new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, stallMs).Input());
        v.Status.Should().Be(expected);
        v.Figures!["stall_s"].Should().BeApproximately(stallMs / 1000, 0.001);
        v.Figures!["margin_to_max_s"].Should().BeApproximately(margin, 0.0005);
        v.Figures!["margin_s"].Should().BeApproximately(Math.Abs(margin), 0.0005);
        v.Evidence.Should().Contain(e => e.What.StartsWith("margin to the bound: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_stall_is_unknown_not_zero()
    {
        var v = new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, stallMs: null).Input());

        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Summary.Should().Contain("io.stall missing");
    }

    [Fact]
    public void A_stall_still_running_when_observation_ended_is_unknown_within_the_bound_and_invalid_over_it()
    {
        var within = new StallBoundChecker(TimeSpan.FromSeconds(60)).Check(Probe(errors: false, 49_972, recovered: false).Input());
        var over = new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, 49_972, recovered: false).Input());

        within.Status.Should().Be(VerdictStatus.Unknown);
        within.Summary.Should().Contain("still running when observation ended");
        within.Figures!.Should().NotContainKey("margin_s");
        over.Status.Should().Be(VerdictStatus.Invalid);
    }

    [Fact]
    public void A_probe_that_died_leaves_a_stall_within_the_bound_unknown()
    {
        var died = new StallBoundChecker(TimeSpan.FromSeconds(60)).Check(Probe(errors: false, 49_972, end: null).Input());
        var overBeforeDying = new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, 49_972, end: null).Input());
        var diedStalled = new StallBoundChecker(TimeSpan.FromSeconds(2)).Check(Probe(errors: false, 49_972, recovered: false, end: null).Input());

        died.Status.Should().Be(VerdictStatus.Unknown);
        died.Summary.Should().Contain("printed no summary line");
        overBeforeDying.Status.Should().Be(VerdictStatus.Invalid, "the stall it saw end was over the bound");
        diedStalled.Status.Should().Be(VerdictStatus.Unknown, "a probe that died stops acknowledging writes: its last stall is no stall of the SAN");
    }
}
