using FluentAssertions;
using SanChaos.Core.History;
using SanChaos.Observers.Capture;
using Xunit;

namespace SanChaos.Observers.Tests;

[Trait("Category", "unit")]
public sealed class ScenarioFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 16, 40, 21, TimeSpan.Zero);

    private static HistoryEvent E(double at, string kind, string source, string message, params (string K, string V)[] data) =>
        new(0, 0, T0.AddSeconds(at), kind, source, message, data.ToDictionary(d => d.K, d => d.V));

    [Fact]
    public void Figures_count_from_the_last_fault_injected_before_the_first_heal_and_missing_ones_are_left_out()
    {
        var figures = ScenarioFigures.From(
        [
            E(0, EventKinds.FaultInjected, "set multipath no_path_retry on badger", "set multipath no_path_retry on badger: injected"),
            E(2, EventKinds.FaultInjected, "kill the primary", "kill the primary: injected (node weasel)"),
            E(14.8, "hb.node-dead", "timeline", "otter: node weasel: is dead", ("node", "otter"), ("peer", "weasel")),
            E(32.3, NetEventKinds.Garp, "capture", "garp", ("ip", "192.168.1.1"), ("node", "otter"), ("network", "storage-a")),
            E(39.5, "hb.takeover-complete", "timeline", "otter: done", ("node", "otter"), ("peer", "weasel")),
            E(61, "fault.healing", "kill the primary", "kill the primary: healing"),
            E(70, EventKinds.FaultInjected, "late", "a fault after the heals began"),
        ]).ToDictionary(f => f.Name, f => f.Value);
        figures["fault"].Should().Be("kill the primary: injected (node weasel)");
        figures["peer declared dead"].Should().Be("+12.8 s");
        figures["first GARP on storage-a"].Should().Be("+30.3 s");
        figures["takeover complete"].Should().Be("+37.5 s");
        figures.Should().NotContainKey("paths back").And.NotContainKey("io stall");
        figures.Keys.Should().NotContain(k => k.StartsWith("serial_", StringComparison.Ordinal) || k.StartsWith("hb_", StringComparison.Ordinal),
            "no serial line event, no Heartbeat line of those kinds");
    }

    [Fact]
    public void The_serial_lines_bytes_and_heartbeats_path_complaints_are_figures_of_the_scenario()
    {
        var figures = ScenarioFigures.From(
        [
            E(0, "hb.lost-packets", "timeline", "weasel: 2 lost packet(s) for [otter] [95:98]", ("count", "2"), ("peer", "otter"), ("node", "weasel")),
            E(9, SerialEventKinds.Line, "serial-line", "otter→weasel", ("from", "otter"), ("to", "weasel"), ("baud", "9600"),
                ("forwarded_bytes", "1920"), ("dropped_pulled_bytes", "0"), ("dropped_off_bytes", "0"), ("dropped_closed_bytes", "0"),
                ("dropped_overrun_bytes", "40"), ("flushed_bytes", "0")),
        ]).ToDictionary(f => f.Name, f => f.Value);
        figures["hb_lost_packets weasel"].Should().Be("2");
        figures["hb_auth_failures weasel"].Should().Be("0");
        figures["serial_forwarded_bytes otter→weasel"].Should().Be("1920 B");
        figures["serial_dropped_bytes otter→weasel (overrun)"].Should().Be("40 B");
    }

    [Fact]
    public void Figures_count_from_the_moment_the_fault_physically_happened_not_from_its_event()
    {
        // The first nightly drill: the PDU froze weasel 1.49 s before fault.injected was written (after the outlet's read-back).
        var off = T0.AddSeconds(0.51);
        var events = new[]
        {
            E(2, EventKinds.FaultInjected, "kill the primary", "kill the primary: injected (node weasel)",
                (PhysicalMoment.At, off.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                (PhysicalMoment.Source, PhysicalMoment.FromPduRecord)),
            E(1.5, "hb.node-dead", "timeline", "an event between the power cut and fault.injected", ("node", "otter"), ("peer", "weasel")),
            E(39.5, "hb.takeover-complete", "timeline", "otter: done", ("node", "otter"), ("peer", "weasel")),
        };

        var figures = ScenarioFigures.From(events).ToDictionary(f => f.Name);

        figures["takeover complete"].Value.Should().Be("+39.0 s", "counted from 0.51 s, not from the event at 2 s");
        figures["peer declared dead"].Value.Should().Be("+1.0 s", "it came after the power cut, before the event was written");
        figures["fault"].Detail.Should().Be("16:40:21.510 (pdu-record)");
        FaultMoment.TimeOf(events).Should().Be(off);
    }

    [Fact]
    public void A_fault_without_a_physical_moment_counts_from_its_event_and_says_so()
    {
        var events = new[]
        {
            E(2, EventKinds.FaultInjected, "cut otter eth1", "cut otter eth1: injected"),
            E(7, "hb.takeover-complete", "timeline", "otter: done", ("node", "otter"), ("peer", "weasel")),
        };

        var figures = ScenarioFigures.From(events).ToDictionary(f => f.Name);

        figures["takeover complete"].Value.Should().Be("+5.0 s");
        figures["fault"].Detail.Should().Be("16:40:23.000 (fault.injected)");
        FaultMoment.TimeOf(events).Should().Be(T0.AddSeconds(2));
        FaultMoment.TimeOf([]).Should().BeNull();
    }
}
