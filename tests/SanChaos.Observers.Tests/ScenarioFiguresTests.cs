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
    }
}
