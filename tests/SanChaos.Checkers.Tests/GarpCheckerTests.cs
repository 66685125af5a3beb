using FluentAssertions;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Observers;
using SanChaos.Observers.Capture;
using SanChaos.Checkers.Reading;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;
using SanChaos.Core.History;

namespace SanChaos.Checkers.Tests;

/// <summary>The gratuitous-ARP checker on the recorded takeover (otter announcing both floating IPs), clean and with planted defects.</summary>
[Trait("Category", "unit")]
public sealed class GarpCheckerTests
{
    private static Verdict Check(HistoryBuilder b, GarpChecker? c = null) => Checking.Run(c ?? new GarpChecker(), b.Input());

    private static GarpChecker Step(string node, double within, string ip = IpA, string network = "storage-a") =>
        new(new GarpExpectation(ip, node, network, TimeSpan.FromSeconds(within)));

    [Fact]
    public void The_new_owner_announces_each_floating_IP_on_its_network_right_after_adding_it()
    {
        var v = Check(History());

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Summary.Should().Contain($"{IpA} announced by otter on storage-a 449.5 ms after ip.added, no later claim by another MAC")
            .And.Contain($"{IpB} announced by otter on storage-b 413.8 ms after ip.added");
        v.Figures!["garp_delay_max_s"].Should().Be(0.45);
        v.Evidence.Should().Contain(e => e.Source!.StartsWith(NetEventKinds.Garp, StringComparison.Ordinal) && e.At == OtterGarpA && e.Node == "otter");
    }

    [Fact]
    public void A_step_s_expectation_is_met_within_its_bound_after_the_fault_and_missed_with_a_tighter_one()
    {
        var met = Check(History(), Step("otter", 30));
        var missed = Check(History(), Step("otter", 20));

        met.Status.Should().Be(VerdictStatus.Valid);
        met.Summary.Should().Be($"{IpA} announced by otter on storage-a 26.124 s after fault.injected, no later claim by another MAC");
        missed.Status.Should().Be(VerdictStatus.Invalid);
        missed.Summary.Should().Be($"no gratuitous ARP for {IpA} from otter on storage-a within 20 s of the fault at 15:38:02.617 ({KillFault}) (it came 6.124 s late)");
    }

    [Fact]
    public void An_announcement_from_the_wrong_MAC_does_not_meet_the_expectation()
    {
        var v = Check(History(), Step("weasel", 30));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().StartWith($"no gratuitous ARP for {IpA} from weasel on storage-a");
        v.Evidence.Should().Contain(e => e.What.StartsWith($"seen instead: otter ({OtterA}) gratuitous ARP for {IpA}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gratuitous_ARP_from_the_old_primary_after_the_takeover_is_a_later_claim_by_the_old_owner()
    {
        var late = TakeoverComplete.AddSeconds(4);
        var b = History().Claim(late, "storage-a", IpA, WeaselA);

        var automatic = Check(b);
        var step = Check(b, Step("otter", 30));

        foreach (var v in new[] { automatic, step })
        {
            v.Status.Should().Be(VerdictStatus.Invalid);
            v.Summary.Should().Contain($"{IpA} on storage-a announced by otter, then claimed by the old owner weasel ({WeaselA}) at 15:38:39.721");
            v.Evidence.Should().Contain(e => e.At == late && e.What.StartsWith($"later claim: weasel ({WeaselA}) gratuitous ARP for {IpA}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_floating_IP_announced_only_by_another_MAC_after_the_move_is_missing_its_announcement()
    {
        var b = History().Remove(e => e.Kind == NetEventKinds.Garp && e.Data["ip"] == IpB)
            .Claim(Seconds("1795966713.970499"), "storage-b", IpB, WeaselB);

        var v = Check(b);

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Contain($"no gratuitous ARP for {IpB} from otter on storage-b within 5 s of adding it at 15:38:33.556");
        v.Evidence.Should().Contain(e => e.What.StartsWith($"seen instead: weasel ({WeaselB}) gratuitous ARP for {IpB}", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_capture_or_before_the_bound_a_missing_announcement_is_unknown()
    {
        var uncaptured = Check(History().Remove(e => e.Kind.StartsWith("net.", StringComparison.Ordinal)));
        var early = Check(History(), new GarpChecker(new GarpExpectation(IpA, "otter", "storage-a", TimeSpan.FromSeconds(30), PowerOn.AddSeconds(-5))));

        uncaptured.Status.Should().Be(VerdictStatus.Unknown);
        uncaptured.Summary.Should().Contain("not judged: no capture of storage-a in the history");
        early.Status.Should().Be(VerdictStatus.Unknown);
        early.Summary.Should().Contain("not seen yet, and observation ended at");
    }

    [Fact]
    public void Without_a_move_there_is_nothing_to_announce_and_a_step_without_a_fault_is_unknown()
    {
        var quiet = History().Remove(e => e.Kind is "ip.added" or "hb.takeover-complete" or ObserverEventKinds.StreamLost || e.Source == KillFault);

        Check(quiet).Status.Should().Be(VerdictStatus.Valid);
        Check(quiet).Summary.Should().Be("no floating IP changed hands: nothing to announce");
        Check(quiet, Step("otter", 30)).Status.Should().Be(VerdictStatus.Unknown);
    }

    [Fact]
    public void No_move_seen_while_a_storage_node_was_not_observed_is_unknown_not_valid()
    {
        var quiet = History().Remove(e => e.Kind is "ip.added" or "hb.takeover-complete" or ObserverEventKinds.StreamLost || e.Source == KillFault);
        // Planted: the timeline observer could not observe otter (it may have taken the addresses unseen).
        var failed = History().Remove(e => e.Kind is "ip.added" or "hb.takeover-complete" or ObserverEventKinds.StreamLost || e.Source == KillFault || e.Node() == "otter")
            .Add(PowerOff.AddSeconds(-26), ObserverEventKinds.Failed, "timeline", "otter: not observed: ssh: connect to host otter port 22: Connection refused", ("node", "otter"));
        // Planted: weasel's stream lost while it had power (no power fault explains it).
        var lost = History().Remove(e => e.Kind is "ip.added" or "hb.takeover-complete" || e.Source == KillFault);

        var v = Check(failed);
        Check(quiet).Status.Should().Be(VerdictStatus.Valid);
        v.Status.Should().Be(VerdictStatus.Unknown, v.ToString());
        v.Summary.Should().Be("the timeline saw no floating IP change hands, but it did not see everything: otter: not observed: " +
                              "otter: not observed: ssh: connect to host otter port 22: Connection refused");
        Check(lost).Status.Should().Be(VerdictStatus.Unknown);
        Check(lost).Summary.Should().Contain("weasel: its observation stream was lost at 15:38:17.917");
    }

    [Fact]
    public void An_expectation_naming_a_node_or_network_the_lab_lacks_is_a_checker_error_reported_as_unknown()
    {
        var v = Check(History(), Step("ferret", 30));

        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Summary.Should().Contain("no node 'ferret'");
    }

    [Fact]
    public void Events_are_read_in_time_order_whatever_their_order_in_the_list()
    {
        var b = History();
        var shuffled = new CheckInput(b.Events.Reverse().ToArray(), b.Inventory);

        new GarpChecker().Check(shuffled).Should().BeEquivalentTo(new GarpChecker().Check(b.Input()));
    }
}
