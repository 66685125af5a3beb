using FluentAssertions;
using SanChaos.Checkers.Stall;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Config.Budget;
using SanChaos.Checkers.Reading;
using SanChaos.Observers;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;
using SanChaos.Core.History;

namespace SanChaos.Checkers.Tests;

/// <summary>
/// The stall and error budget checker: the recorded takeover with a probe scripted on badger's recorded kernel times
/// (writes hang from the cut until every path failed 20.4 s later, then EIO until the paths came back 44.6 s after the
/// cut) against the seeds' budget (no_path_retry fail: errors expected) and the same with no_path_retry queue.
/// </summary>
[Trait("Category", "unit")]
public sealed class StallBudgetCheckerTests
{
    private static Verdict Check(HistoryBuilder b, BudgetEstimate? budget = null, StallBudgetOptions? o = null) =>
        Checking.Run(new StallBudgetChecker(budget ?? Budget(), o), b.Input());

    /// <summary>A probe through the recorded takeover whose writes hang from the cut until <paramref name="hangs"/> after it, then fail until <paramref name="fails"/> after it.</summary>
    private static ProbeRun Probe(double hangs, double fails, double runs = 120) =>
        ProbeRun.Scripted(PowerOff.AddSeconds(-20), PowerOff.AddSeconds(runs), PowerOff, PowerOff.AddSeconds(hangs), PowerOff.AddSeconds(fails));

    [Fact]
    public void The_recorded_power_loss_stalls_within_the_seeds_budget_and_its_errors_are_the_ones_the_budget_expects()
    {
        var v = Check(History());

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Summary.Should().Be("primary power loss: I/O stall 44.71 s within the budget 45–84.5 s; the application saw I/O errors for 24.201 s, as the budget expects");
        v.Figures.Should().Contain(new Dictionary<string, double>
        {
            ["stall_s"] = 44.71, ["errors_from_s"] = 20.36, ["error_window_s"] = 24.201, ["detection_s"] = 9.83, ["garp_s"] = 26.124, ["paths_back_s"] = 44.594,
        });
        v.Evidence.Select(e => e.What).Should().Contain(
            "I/O stall: measured 44.71 s, budget 45–84.5 s: faster than the budget's minimum (15:38:02.518 to 15:38:47.229; " + Budget().StallFormula + ")",
            "peer declared dead: measured 9.83 s, budget 9–10 s: within (hb.node-dead on otter)",
            "takeover (peer dead to takeover complete): measured 23.274 s, budget 35–56.5 s: faster than the budget's minimum; resource group started in 21.696 s",
            "first gratuitous ARP: measured 26.124 s, budget 9–66.5 s: within (net.garp on otter)",
            "paths back: measured 44.594 s, budget 45–84.5 s: faster than the budget's minimum (multipathd.active-paths on badger)");
        v.Evidence.Should().Contain(e => e.Source == "budget" && e.What.StartsWith("budget term (detection): 9–10 s Heartbeat on otter declares its peer dead", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stall_longer_than_the_budget_is_invalid()
    {
        var v = Check(History(Probe(20.36, 95)));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().StartWith("primary power loss: I/O stall 95.").And.Contain(", budget 45–84.5 s: over budget");
        v.Evidence[0].What.Should().StartWith("I/O stall: measured 95.").And.Contain("budget 45–84.5 s: over budget");
    }

    [Fact]
    public void Errors_where_the_budget_says_the_application_should_only_wait_are_invalid()
    {
        var queue = Budget(Queueing());
        queue.ApplicationErrors.Should().Be(Expectation.No);

        var v = Check(History(), queue);

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Be("primary power loss: the application saw 485 I/O error(s) for 24.201 s where the budget says it should only wait");
        v.Evidence.Should().Contain(e => e.What.StartsWith("application errors: 485 failed write(s) in 1 window(s) from 20.36 s after the fault for 24.201 s; budget: no application errors", StringComparison.Ordinal));
        v.Figures!.Should().NotContainKey("margin_s", "errors where the budget has none hang on no bound");
    }

    [Fact]
    public void No_errors_where_the_budget_expects_them_is_stated_and_left_to_the_step()
    {
        var waited = History(Probe(44.6, 44.6));

        var failBudget = Check(waited);
        var queueBudget = Check(waited, Budget(Queueing()));

        failBudget.Status.Should().Be(VerdictStatus.Valid);
        failBudget.Summary.Should().EndWith("the budget expected I/O errors and the application saw none");
        queueBudget.Status.Should().Be(VerdictStatus.Valid);
        queueBudget.Summary.Should().EndWith("; no application errors");
    }

    [Fact]
    public void Errors_lasting_longer_than_the_budget_s_error_window_are_invalid()
    {
        var v = Check(History(Probe(20.36, 95)));

        v.Summary.Should().Contain("I/O errors for 74.").And.Contain("budget 25–69.5 s: over budget");
    }

    [Fact]
    public void Without_a_probe_a_fault_or_an_end_to_the_stall_the_budget_cannot_be_judged()
    {
        var hanging = History(Probe(60, 60, runs: 40));
        var failed = History(withProbe: false).Add(PowerOff, ObserverEventKinds.Failed, "io-probe", "io-probe: could not start: timeout", ("observer", "io-probe"));

        Check(History(withProbe: false)).Summary.Should().Be("no I/O probe ran in this scenario");
        Check(failed).Summary.Should().Be("the I/O probe failed: io-probe: could not start: timeout");
        Check(History().Remove(e => e.Source == KillFault)).Summary.Should().Be("no fault was injected: nothing to measure the budget from");
        var v = Check(hanging);
        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Summary.Should().StartWith("primary power loss: I/O had not come back 4");
        foreach (var b in new[] { History(withProbe: false), failed, History().Remove(e => e.Source == KillFault) })
            Check(b).Status.Should().Be(VerdictStatus.Unknown);
    }

    [Fact]
    public void Every_verdict_states_its_margin_to_each_bound()
    {
        var v = Check(History());

        v.Figures.Should().Contain(new Dictionary<string, double>
        {
            ["stall_max_bound_s"] = 85, ["stall_min_bound_s"] = 22.5, ["margin_to_max_s"] = 40.29, ["margin_to_min_s"] = 22.21, ["margin_to_error_window_s"] = 45.299,
            ["margin_s"] = 22.21,
        });
        v.Evidence.Should().Contain(e => e.What == "margins: the maximum: 40.29 s inside it (budget 84.5 s + jitter 500 ms); " +
                                                   "the minimum: 22.21 s inside it (0.5 × the budget's 45 s: shorter, the fault may not have acted)");
        var over = Check(History(Probe(20.36, 95)));
        over.Figures!["margin_s"].Should().BeApproximately(over.Figures["stall_s"] - 85, 0.001, "by how much the stall crossed the larger of the two bounds it crossed");
    }

    [Fact]
    public void A_stall_far_below_the_budget_s_minimum_is_unknown_the_fault_may_not_have_acted()
    {
        // Planted: writes hang 2 s at the cut and go on (a PDU outlet that fed nothing would look like this).
        var v = Check(History(Probe(2, 2)));

        v.Status.Should().Be(VerdictStatus.Unknown, v.ToString());
        v.Summary.Should().StartWith("primary power loss: I/O stall 2").And.EndWith("far below the budget 45–84.5 s (under 22.5 s): the fault may not have acted");
        v.Figures!["margin_s"].Should().BeApproximately(22.5 - v.Figures["stall_s"], 0.001);
        Check(History(Probe(2, 2)), o: new StallBudgetOptions { FarBelow = 0 }).Status.Should().Be(VerdictStatus.Valid, "with the check off, faster is fine");
    }

    [Fact]
    public void The_machine_dependent_terms_are_the_ones_this_scenario_s_takeover_took_on_the_lab()
    {
        var v = Checking.Run(new StallBudgetChecker(FaultKind.PrimaryPowerLoss, Configuration, Measured), History().Input());

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        var terms = v.Evidence.Single(e => e.What.StartsWith("machine-dependent terms: ", StringComparison.Ordinal)).What;
        // 9–10 s detection + 23.4 s group start + 3.2 s re-login (+ DRBD's wait and multipathd's path check): a budget that
        // fits this machine today, where the lab-up figures gave 45–84.5 s.
        v.Summary.Should().Be("primary power loss: I/O stall 44.71 s within the budget 35.6–48.1 s; the application saw I/O errors for 24.201 s, as the budget expects");
        v.Figures!["margin_to_max_s"].Should().Be(3.913);
        v.Figures!["margin_s"].Should().Be(new[] { v.Figures["margin_to_max_s"], v.Figures["margin_to_min_s"], v.Figures["margin_to_error_window_s"] }.Min());
        terms.Should().Contain("resource group start 23.4 s").And.Contain("(measured on lab embedded at 15:38:12.447, in this scenario: otter declared weasel dead")
            .And.Contain("iSCSI re-login ").And.Contain("badger's session");
        v.Evidence.Should().Contain(e => e.Source == "budget" && e.What.Contains("starts the resource group", StringComparison.Ordinal) && e.What.EndsWith("[Measured]", StringComparison.Ordinal));
    }

    [Fact]
    public void Terms_the_history_lacks_keep_the_lab_s_figures_with_their_source()
    {
        // Planted: otter's target sample is missing (the takeover's end not seen): the group start measured at lab up stands.
        var b = History().Remove(e => e.Kind == "target.state" && e.Node() == "otter" && e.Wall > PowerOff);

        var v = Checking.Run(new StallBudgetChecker(FaultKind.PrimaryPowerLoss, Configuration, Measured), b.Input());

        v.Evidence.Single(e => e.What.StartsWith("machine-dependent terms: ", StringComparison.Ordinal)).What
            .Should().Contain("resource group start 35–55 s (measured on lab embedded at lab up: 35-55 s under UML)")
            .And.Contain("iSCSI re-login 1–8 s (not measured");
    }

    [Fact]
    public void The_fault_time_can_be_given_by_the_step()
    {
        var v = Check(History(), o: new StallBudgetOptions { FaultAt = PowerOff.AddSeconds(5) });

        v.Figures!["detection_s"].Should().Be(4.83);
    }
}
