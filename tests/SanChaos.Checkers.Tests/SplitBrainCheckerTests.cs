using FluentAssertions;
using SanChaos.Checkers.Reading;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.Capture;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>The split-brain checker on the recorded power loss of the primary, clean and with planted defects.</summary>
[Trait("Category", "unit")]
public sealed class SplitBrainCheckerTests
{
    private static Verdict Check(HistoryBuilder b, SplitBrainOptions? o = null) => Checking.Run(new SplitBrainChecker(o), b.Input());

    /// <summary>Node lines carry microseconds: a planted line's time is its own to within one.</summary>
    private static bool Near(DateTimeOffset? a, DateTimeOffset b) => a is { } x && (x - b).Duration() < TimeSpan.FromMilliseconds(1);

    /// <summary>weasel stayed up and kept everything while otter took over (both Heartbeat paths lost, no fencing).</summary>
    private static HistoryBuilder OldPrimaryStaysUp()
    {
        var lost = PowerOff.AddSeconds(13.5);
        return History()
            .Remove(e => e.Source == KillFault || (e.Kind == ObserverEventKinds.StreamLost && e.Node() == "weasel"))
            .Line("weasel", "K", lost, "drbd r0: peer( Secondary -> Unknown ) conn( Connected -> NetworkFailure ) pdsk( UpToDate -> DUnknown ) ")
            .Line("weasel", "K", lost.AddMilliseconds(20), "drbd r0: conn( NetworkFailure -> Unconnected ) ")
            .Line("weasel", "K", lost.AddMilliseconds(40), "drbd r0: conn( Unconnected -> WFConnection ) ")
            .Line("weasel", "S", lost.AddMilliseconds(400), "drbd=[0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----] target=1");
    }

    [Fact]
    public void The_recorded_takeover_after_a_power_loss_is_no_split_brain()
    {
        var v = Check(History());

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Summary.Should().Contain("DRBD: never two Primaries while disconnected").And.Contain("floating IPs: never on two nodes at once")
            .And.Contain("ARP: no floating IP claimed by two MACs").And.Contain("DRBD reported no split brain");
        v.Figures!["dual_primary_s"].Should().Be(0);
    }

    [Fact]
    public void An_old_primary_that_stays_Primary_while_disconnected_is_a_split_brain_with_both_nodes_and_the_time()
    {
        var v = Check(OldPrimaryStaysUp());

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Contain("DRBD: both Primary while disconnected").And.Contain("floating IPs: held by two nodes at once");
        var otterPromoted = Seconds("1795966696.260877");
        var dual = v.Evidence.First(e => e.What.Contains("both DRBD Primary while disconnected", StringComparison.Ordinal));
        dual.What.Should().StartWith("otter and weasel").And.Contain("weasel: Primary, cs WFConnection").And.Contain("otter: Primary, cs WFConnection");
        dual.At.Should().Be(otterPromoted, "otter's role( Secondary -> Primary ) starts the overlap");
        v.Evidence.Should().Contain(e => e.Node == "otter" && e.What.Contains("role( Secondary -> Primary )", StringComparison.Ordinal) && e.At == otterPromoted);
        v.Evidence.Should().Contain(e => e.What.StartsWith("otter and weasel both hold 192.168.1.1", StringComparison.Ordinal));
        v.Evidence.Should().Contain(e => e.Node == "weasel" && e.Source!.StartsWith("ip.present", StringComparison.Ordinal) && e.What.Contains("inet 192.168.1.1/24", StringComparison.Ordinal))
            .And.Contain(e => e.Node == "otter" && e.Source!.StartsWith("ip.added", StringComparison.Ordinal) && e.What.Contains("inet 192.168.1.1/24", StringComparison.Ordinal));
        v.Figures!["dual_primary_s"].Should().BeApproximately((PowerOn.AddSeconds(-0.5) - otterPromoted).TotalSeconds, 0.01);
    }

    [Fact]
    public void An_old_primary_whose_outlet_reads_off_but_that_kept_reporting_is_judged_on_its_reports()
    {
        // Planted: the power fault is recorded (the PDU said the outlet is off), but weasel's stream was never lost and
        // it went on reporting Primary after the cut: the outlet fed something else.
        var b = OldPrimaryStaysUp().Fault(KillFault, Faults.FaultKinds.KillPrimary, "weasel", PowerOff);

        var v = Check(b);

        v.Status.Should().Be(VerdictStatus.Invalid, v.ToString());
        v.Summary.Should().Contain("DRBD: both Primary while disconnected");
    }

    [Fact]
    public void An_old_primary_whose_outlet_reads_off_but_that_was_never_seen_to_stop_is_unknown()
    {
        // Planted: the recorded power loss without weasel's stream loss: it went quiet, but nothing says it stopped.
        var v = Check(History().Remove(e => e.Kind == ObserverEventKinds.StreamLost && e.Node() == "weasel"));

        v.Status.Should().Be(VerdictStatus.Unknown, v.ToString());
        v.Evidence.Should().Contain(e => e.What.Contains("weasel: unknown ('kill the primary' switched its power off at 15:38:02.617, but its stream was not lost", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_old_primary_is_unknown_not_holding_nothing()
    {
        // No power fault: weasel's stream was lost while it may still have run (a management network cut).
        var v = Check(History().Remove(e => e.Source == KillFault));

        v.Status.Should().Be(VerdictStatus.Unknown, "weasel may still have been Primary and holding the IPs while otter took them");
        v.Summary.Should().Contain("DRBD: cannot tell whether both nodes were Primary while disconnected");
        v.Evidence.Should().Contain(e => e.What.Contains("weasel: unknown (its observation stream was lost at 15:38:17.917", StringComparison.Ordinal)
                                         && e.What.Contains("otter: Primary, cs WFConnection", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_MAC_answering_for_a_floating_IP_after_the_takeover_is_a_split_brain()
    {
        var reply = OtterGarpA.AddSeconds(5);
        var v = Check(History().Claim(reply, "storage-a", IpA, WeaselA, gratuitous: false, targetIp: "192.168.1.10", targetMac: "52:54:00:03:02:01"));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Contain("ARP: a floating IP claimed by two MACs at once");
        var e = v.Evidence.Single(x => x.Source!.StartsWith(NetEventKinds.ArpReply, StringComparison.Ordinal));
        e.At.Should().Be(reply);
        e.What.Should().StartWith($"weasel ({WeaselA}) ARP reply for {IpA} on storage-a 5 s after otter ({OtterA}) announced it at 15:38:28.741");
    }

    [Fact]
    public void DRBD_s_split_brain_message_on_either_node_is_a_split_brain()
    {
        var at = PowerOff.AddSeconds(60);
        var v = Check(History().Line("otter", "K", at, "2026-11-29T15:39:02,600000+00:00 block drbd0: Split-Brain detected but unresolved, dropping connection!"));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Contain("DRBD reported split brain 1 time(s)");
        v.Evidence.Should().ContainSingle(e => e.Node == "otter" && Near(e.At, at) && e.What.Contains("Split-Brain detected but unresolved", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_the_observer_could_not_observe_is_unknown_and_one_never_heard_of_leaves_nothing_to_judge()
    {
        var notObserved = History().Remove(e => e.Source == KillFault || (e.Node() == "weasel" && e.Source == "timeline"))
            .Add(PowerOff.AddSeconds(-25), ObserverEventKinds.Failed, "timeline", "weasel: not observed: the lab gives no streaming access to it", ("node", "weasel"));
        var silent = History().Remove(e => e.Node() == "weasel" && e.Source == "timeline");

        var v = Check(notObserved);
        var never = Check(silent);

        v.Status.Should().Be(VerdictStatus.Unknown);
        v.Evidence.Should().Contain(e => e.What.Contains("weasel: unknown (not observed: weasel: not observed: the lab gives no streaming access to it)", StringComparison.Ordinal)
                                         && e.What.Contains("otter: Primary, cs WFConnection", StringComparison.Ordinal));
        never.Status.Should().Be(VerdictStatus.Unknown);
        never.Summary.Should().Contain("DRBD: weasel never reported its state");
    }

    [Fact]
    public void Without_the_capture_the_ARP_part_is_unknown_unless_the_lab_has_no_capture()
    {
        var b = History().Remove(e => e.Kind.StartsWith("net.", StringComparison.Ordinal));

        var required = Check(b);
        var optional = Check(b, new SplitBrainOptions { RequireCapture = false });

        required.Status.Should().Be(VerdictStatus.Unknown);
        required.Summary.Should().Contain("ARP: not judged: no capture of storage-a in the history");
        optional.Status.Should().Be(VerdictStatus.Valid);
        optional.Summary.Should().Contain("no capture of storage-a");
    }

    [Fact]
    public void The_old_primary_powered_on_again_counts_as_holding_nothing_once_its_first_report_says_so()
    {
        var back = PowerOn.AddSeconds(14);
        HistoryBuilder Rebooted(string drbd) => History(until: PowerOn.AddSeconds(30))
            .StreamBack("weasel", back)
            .NodeLines("weasel", [
                HistoryBuilder.Raw("A0", back, "4: eth2    inet 192.168.1.3/24 brd 192.168.1.255 scope global eth2"),
                HistoryBuilder.Raw("S", back.AddSeconds(0.3), $"drbd=[{drbd}] target=absent"),
            ]);

        var secondary = Check(Rebooted("0: cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown C r-----"));
        var primary = Check(Rebooted("0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown C r-----"));
        var silent = Check(History(until: PowerOn.AddSeconds(30)));

        secondary.Status.Should().Be(VerdictStatus.Valid, secondary.ToString());
        primary.Status.Should().Be(VerdictStatus.Invalid, "weasel reports Primary and StandAlone while otter is Primary and not yet reconnected");
        primary.Evidence.Should().Contain(e => e.What.Contains("weasel: booting", StringComparison.Ordinal) || e.What.Contains("weasel: unknown (powered on", StringComparison.Ordinal));
        silent.Status.Should().Be(VerdictStatus.Unknown, "a node powered on and never heard from again is unknown");
        silent.Evidence.Should().Contain(e => e.What.Contains("powered on at 15:39:06.013 and not observed since", StringComparison.Ordinal));
    }
}
