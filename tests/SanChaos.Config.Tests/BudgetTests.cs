using FluentAssertions;
using SanChaos.Config.Budget;
using SanChaos.Config.Sources;
using Xunit;

namespace SanChaos.Config.Tests;

public sealed class BudgetTests
{
    private static CollectedConfig Lab => Fixtures.Collected("embedded");

    private static BudgetEstimate Budget(CollectedConfig c, FaultKind fault) => FailoverBudget.For(fault, c.Parse(), Fixtures.EmbeddedLab);

    private static CollectedConfig NoPathRetry(CollectedConfig c, string value) =>
        c.Edit("badger", "multipath.conf", s => s.Replace("no_path_retry           fail", "no_path_retry           " + value))
         .Edit("badger", "multipathd-show-config.txt", s => s.Replace("\tno_path_retry \"fail\"", "\tno_path_retry " + value));

    [Fact]
    public void A_primary_power_loss_on_the_lab_gives_the_application_EIO_for_the_takeover()
    {
        var b = Budget(Lab, FaultKind.PrimaryPowerLoss);
        b.Detection.Should().Be(TimeRange.Seconds(9, 10));
        b.Takeover.Should().Be(TimeRange.Seconds(35, 56.5));
        b.Stall.Should().Be(TimeRange.Seconds(45, 84.5));
        b.ApplicationErrors.Should().Be(Expectation.Yes);
        b.ErrorsFrom.Should().Be(TimeRange.Seconds(15, 20));
        b.ErrorWindow.Should().Be(TimeRange.Seconds(25, 69.5));
        b.QueueingNeeded.Should().Be(TimeSpan.FromSeconds(59.5));
        b.ResourcesMove.Should().Be(Expectation.Yes);
        b.SplitBrain.Should().Be(Expectation.No);
        b.GarpWithin.Should().Be(TimeRange.Seconds(9, 66.5));
        b.Drill.Should().Be(Drills.KillPrimary);
        b.FullyMeasured.Should().BeFalse("the re-login is not measured");
    }

    [Fact]
    public void Each_term_names_its_source()
    {
        var terms = Budget(Lab, FaultKind.PrimaryPowerLoss).Terms;
        terms[0].Source.Should().Be("otter/ha.cf:7 deadtime 10; otter/ha.cf:5 keepalive 1");
        terms[0].Origin.Should().Be(TermOrigin.Configuration);
        terms.Single(t => t.Name.Contains("starts the resource group")).Origin.Should().Be(TermOrigin.Measured);
        terms.Single(t => t.Name.Contains("starts the resource group")).Name.Should().Contain("IPaddr2::192.168.1.1/24/eth2 (gratuitous ARP)");
        terms.Single(t => t.Name.Contains("recovery timeout")).Source.Should().Contain("badger/multipathd-show-config.txt:23 fast_io_fail_tmo 5")
            .And.Contain("session recovery timed out after 5 secs");
        terms.Single(t => t.Name.Contains("NOP-out")).Range.Should().Be(TimeRange.Seconds(10, 15));
        terms.Single(t => t.Name.Contains("DRBD")).Origin.Should().Be(TermOrigin.Default);
    }

    [Fact]
    public void Queueing_instead_of_failing_turns_the_errors_into_a_bounded_stall()
    {
        var fail = Budget(Lab, FaultKind.PrimaryPowerLoss);
        var queue = Budget(NoPathRetry(Lab, "queue"), FaultKind.PrimaryPowerLoss);
        queue.ApplicationErrors.Should().Be(Expectation.No);
        queue.ErrorWindow.Should().BeNull();
        queue.Stall.Should().Be(fail.Stall);
        var count = Budget(NoPathRetry(Lab, "4"), FaultKind.PrimaryPowerLoss);
        count.ApplicationErrors.Should().Be(Expectation.Possible, "40 s of queueing covers the shortest takeovers only");
        Budget(NoPathRetry(Lab, "7"), FaultKind.PrimaryPowerLoss).ApplicationErrors.Should().Be(Expectation.No);
    }

    [Fact]
    public void A_longer_deadtime_moves_detection_by_20_s_and_the_stall_by_20_s_less_DRBDs_wait()
    {
        var before = Budget(Lab, FaultKind.PrimaryPowerLoss);
        var after = Budget(Lab.EditAll("ha.cf", s => s.Replace("deadtime 10", "deadtime 30").Replace("warntime 5", "warntime 15")), FaultKind.PrimaryPowerLoss);
        after.Detection.Should().Be(TimeRange.Seconds(29, 30));
        after.Stall.Min.Should().Be(before.Stall.Min + TimeSpan.FromSeconds(20));
        // With 29 s of silence before the takeover, DRBD (ping-int 10 s + ping-timeout 0.5 s) has long noticed: its 1.5 s wait goes.
        after.Terms.Single(t => t.Name.StartsWith("DRBD", StringComparison.Ordinal)).Range.Should().Be(TimeRange.Zero);
        after.Stall.Max.Should().Be(before.Stall.Max + TimeSpan.FromSeconds(18.5));
        after.ErrorWindow!.Value.Max.Should().Be(before.ErrorWindow!.Value.Max + TimeSpan.FromSeconds(18.5));
    }

    [Fact]
    public void On_fast_hardware_a_few_seconds_of_group_start_may_beat_the_path_failure()
    {
        var fast = MeasuredTerms.NotMeasured with { ResourceGroupStart = MeasuredTerm.Measured(TimeRange.Seconds(2, 4), "a rack") };
        var b = FailoverBudget.For(FaultKind.PrimaryPowerLoss, Lab.Parse(), fast);
        b.ApplicationErrors.Should().Be(Expectation.Possible);
        b.Stall.Should().Be(TimeRange.Seconds(12, 33.5), "takeover 11–15.5 s, re-login 1–8 s, and a path check of up to 10 s when the paths had failed");
    }

    [Fact]
    public void A_storage_switch_loss_stalls_only_the_IO_on_the_lost_path()
    {
        var b = Budget(Lab, FaultKind.StorageSwitchLoss);
        // NOP-out detection (up to 15 s) + the recovery timeout (5 s) + the resend on the other path (up to 1 s, measured 0.2 s).
        b.Stall.Should().Be(TimeRange.Seconds(0, 21));
        b.Detection.Should().Be(TimeRange.Seconds(10, 15));
        b.ApplicationErrors.Should().Be(Expectation.No);
        b.ResourcesMove.Should().Be(Expectation.No);
        b.StallWithin(TimeSpan.FromSeconds(17)).Should().BeTrue();
        b.StallWithin(TimeSpan.FromSeconds(25)).Should().BeFalse();
    }

    [Fact]
    public void An_eth1_cut_moves_nothing_while_the_serial_path_lives_and_becomes_a_split_brain_without_it()
    {
        var b = Budget(Lab, FaultKind.Eth1Cut);
        b.ResourcesMove.Should().Be(Expectation.No);
        // DRBD's peer-loss detection (ping-int 10 s + ping-timeout 0.5 s) + the connection's teardown (up to 1 s): measured 11.1 s.
        b.Stall.Should().Be(TimeRange.Seconds(0, 11.5));
        b.Notes.Should().Contain(n => n.Contains("promotes the stale copy"));
        var serialless = Budget(Lab.EditAll("ha.cf", s => s.Replace("serial /dev/ttyS1\n", "")), FaultKind.Eth1Cut);
        serialless.Fault.Should().Be(FaultKind.Eth1Cut);
        serialless.SplitBrain.Should().Be(Expectation.Yes);
        serialless.Notes[0].Should().Contain("goes over eth1");
    }

    [Fact]
    public void Losing_both_heartbeat_paths_splits_the_brain_unless_STONITH_fences()
    {
        Budget(Lab, FaultKind.BothHeartbeatPathsLost).SplitBrain.Should().Be(Expectation.Yes);
        var dopd = Budget(Fixtures.Collected("clean/embedded"), FaultKind.BothHeartbeatPathsLost);
        dopd.SplitBrain.Should().Be(Expectation.Yes);
        dopd.Notes.Should().Contain(n => n.Contains("only over Heartbeat's paths"));
        var stonith = Fixtures.Collected("clean/embedded")
            .EditAll("drbd.d/r0.res", s => s.Replace("fencing resource-only;", "fencing resource-and-stonith;"))
            .EditAll("ha.cf", s => s + "stonith_host * external/ipmi otter 172.16.1.101 admin secret lan\n");
        Budget(stonith, FaultKind.BothHeartbeatPathsLost).SplitBrain.Should().Be(Expectation.No);
        Budget(Lab, FaultKind.BothHeartbeatPathsLost).AcknowledgedWriteLoss.Should().Be(Expectation.Yes);
    }

    [Fact]
    public void Killing_Heartbeat_on_the_primary_moves_nothing_unless_two_primaries_are_allowed()
    {
        var b = Budget(Lab, FaultKind.HeartbeatDaemonDeath);
        b.ResourcesMove.Should().Be(Expectation.No);
        b.Stall.Should().Be(TimeRange.Zero);
        b.Terms[1].Range.Should().Be(TimeRange.Seconds(5, 5));
        var dual = Budget(Lab.EditAll("drbd.d/r0.res", s => s.Replace("protocol C;", "protocol C;\n        allow-two-primaries yes;")), FaultKind.HeartbeatDaemonDeath);
        dual.SplitBrain.Should().Be(Expectation.Yes);
    }

    [Fact]
    public void The_seeds_DRBD_0_7_may_refuse_the_promotion_so_the_takeover_may_fail()
    {
        var b = FailoverBudget.For(FaultKind.PrimaryPowerLoss, Fixtures.Load("seeds"));
        b.ResourcesMove.Should().Be(Expectation.Possible);
        b.Notes.Should().Contain(n => n.Contains("the takeover can fail"));
        FailoverBudget.For(FaultKind.PrimaryPowerLoss, Fixtures.Load("clean/seeds")).ResourcesMove.Should().Be(Expectation.Yes);
    }

    [Fact]
    public void All_gives_one_estimate_per_fault_and_the_table_shows_every_term()
    {
        var all = FailoverBudget.All(Lab.Parse(), Fixtures.EmbeddedLab);
        all.Select(e => e.Fault).Should().Equal(FailoverBudget.Faults);
        var text = BudgetText.Render("lab", all, Fixtures.EmbeddedLab);
        text.Should().Contain("primary power loss — features/power-loss.feature @kill-primary").And.Contain("<- otter/ha.cf:7 deadtime 10")
            .And.Contain("application errors: yes (from 15–20 s after the fault, for 25–69.5 s)").And.Contain("[measured]");
    }

    [Theory]
    [InlineData("35-55", 35, 55)]
    [InlineData("35s-55s", 35, 55)]
    [InlineData("40", 40, 40)]
    [InlineData("2.5..4", 2.5, 4)]
    public void Time_ranges_parse(string text, double min, double max) => TimeRange.Parse(text).Should().Be(TimeRange.Seconds(min, max));

    [Theory]
    [InlineData("55-35")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void Bad_time_ranges_do_not_parse(string text) => TimeRange.Parse(text).Should().BeNull();
}
