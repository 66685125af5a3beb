using FluentAssertions;
using SanChaos.Checkers.Application;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Checkers.Stall;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>
/// How long a scenario must be observed: the latest bound its checkers asked for, on the recorded power loss
/// (Support/KillPrimary). The case from issue 25: a step wanting gratuitous ARP for 192.168.2.1 from the new owner on
/// storage network A within 60 s, judged on a history whose observation ended 48 s after the fault.
/// </summary>
[Trait("Category", "unit")]
public sealed class ObservationBoundTests
{
    private static GarpChecker Step(double within) => new(new GarpExpectation(IpB, "otter", "storage-a", TimeSpan.FromSeconds(within)));

    [Fact]
    public void Observation_lasts_until_the_latest_bound_any_step_asked_for()
    {
        var soFar = History(until: PowerOff.AddSeconds(40)).Input();

        var need = ObservationBound.Latest([new SplitBrainChecker(), new StallBoundChecker(TimeSpan.FromSeconds(12)), Step(60), Step(30)], soFar);

        need.Should().NotBeNull();
        need!.Until.Should().Be(PowerOff.AddSeconds(60));
        need.Checker.Should().Be("gratuitous-arp");
        need.Why.Should().Be($"gratuitous ARP for {IpB} from otter on storage-a within 60 s of the fault at 15:38:02.617 ({KillFault})");
        ObservationBound.Latest([new SplitBrainChecker(), new ApplicationErrorsChecker()], soFar).Should().BeNull("neither needs anything observed past the end");
    }

    [Fact]
    public void Before_any_fault_no_bound_counts_and_a_step_naming_a_node_the_lab_lacks_holds_nothing()
    {
        var beforeFault = History(until: PowerOff.AddSeconds(-5)).Remove(e => e.Source == KillFault).Input();
        var ferret = new GarpChecker(new GarpExpectation(IpA, "ferret", "storage-a", TimeSpan.FromSeconds(600)));

        ObservationBound.Latest([Step(60), new StallBoundChecker(TimeSpan.FromSeconds(12))], beforeFault).Should().BeNull();
        ObservationBound.Latest([ferret, Step(60)], History().Input())!.Until.Should().Be(PowerOff.AddSeconds(60));
    }

    [Fact]
    public void A_history_observed_until_that_bound_answers_the_step_that_one_cut_at_48_s_could_not()
    {
        // 192.168.2.1 was never announced on storage-a: an answer (Invalid) that needs watching until +60 s.
        var cut = Checking.Run(Step(60), History(withProbe: false, until: PowerOff.AddSeconds(48)).Input());
        var need = ObservationBound.Latest([Step(60)], History(withProbe: false, until: PowerOff.AddSeconds(48)).Input())!;
        var observed = Checking.Run(Step(60), History(withProbe: false, until: need.Until + ObservationBound.Grace).Input());

        cut.Status.Should().Be(VerdictStatus.Unknown);
        cut.Summary.Should().Contain("observation ended at").And.Contain("before the bound");
        observed.Status.Should().Be(VerdictStatus.Invalid, observed.ToString());
        observed.Summary.Should().StartWith($"no gratuitous ARP for {IpB} from otter on storage-a within 60 s of the fault");
    }

    [Fact]
    public void The_stall_checkers_need_the_fault_plus_their_bound()
    {
        var input = History(until: PowerOff.AddSeconds(40)).Input();

        new StallBoundChecker(TimeSpan.FromSeconds(12)).ObserveUntil(input)!.Until.Should().Be(PowerOff.AddSeconds(12));
        new StallBudgetChecker(Budget()).ObserveUntil(input)!.Until.Should().Be(PowerOff + Budget().Stall.Max + TimeSpan.FromMilliseconds(500));
    }
}
