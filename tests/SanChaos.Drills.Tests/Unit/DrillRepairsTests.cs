using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Labs.Recovery;
using Xunit;

namespace SanChaos.Drills.Tests.Unit;

/// <summary>A repair the recovery made at a scenario's end, as the scenario's record keeps it; no lab runs.</summary>
[Trait("Category", "unit")]
public sealed class DrillRepairsTests
{
    private static readonly DateTimeOffset Seen = new(2026, 11, 29, 15, 38, 16, TimeSpan.Zero);

    [Fact]
    public void A_repair_keeps_what_was_wrong_for_how_long_what_was_done_and_the_checker_that_judges_it()
    {
        // The reason as the planner words it for the both-paths-lost hang recorded on the embedded lab.
        var repair = new Repair("weasel", "hb_kill_start", "no node holds the resource group and Heartbeat on weasel says rscstatus transition (others: otter rscstatus none)",
            Confirm: RecoveryPlanner.StuckTransition, Kind: RepairKinds.HeartbeatTransitionNoHolder.Name);
        var record = new RepairRecord(repair, new CommandResult(0, "", "")) { FirstSeen = Seen, At = Seen.AddSeconds(94.23) };

        var r = DrillRepairs.ToScenario(record);

        r.Node.Should().Be("weasel");
        r.What.Should().StartWith("no node holds the resource group");
        r.ForSeconds.Should().Be(94.2);
        r.Done.Should().Be("hb_kill_start -> exit 0");
        r.Succeeded.Should().BeTrue();
        r.Class.Should().Be("sut");
        r.Checker.Should().Be("baseline-audit");
        r.ToString().Should().Be("weasel: no node holds the resource group and Heartbeat on weasel says rscstatus transition (others: otter rscstatus none), " +
                                 "for 94.2 s: hb_kill_start -> exit 0 (SUT behaviour heartbeat-transition-no-holder, judged by baseline-audit)");
    }

    [Fact]
    public void A_repair_that_failed_says_so_with_the_nodes_answer_and_an_unclassified_one_is_a_lab_artifact()
    {
        var repair = new Repair("otter", "drbd_connect", "DRBD StandAlone on the resource holder");
        var record = new RepairRecord(repair, new CommandResult(10, "", "State change failed: (-10) State change was refused by peer node")) { FirstSeen = Seen, At = Seen };

        var r = DrillRepairs.ToScenario(record);

        r.Succeeded.Should().BeFalse();
        r.Done.Should().Be("drbd_connect -> exit 10: State change failed: (-10) State change was refused by peer node");
        r.Class.Should().Be("lab");
        r.Checker.Should().BeNull();
        r.ToString().Should().Contain("lab artifact unclassified");
    }
}
