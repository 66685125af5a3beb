using FluentAssertions;
using SanChaos.Core.History;
using SanChaos.Drills.Tests.Faults;
using SanChaos.Labs.Serial;
using Xunit;

namespace SanChaos.Drills.Tests.Unit;

/// <summary>The per-cycle line of the serial power-cycle test, on a history recorded on the embedded lab.</summary>
[Trait("Category", "unit")]
public sealed class PowerCycleTallyTests
{
    /// <summary>"Both heartbeat paths are lost with DRBD fencing resource-only" on the embedded lab (see
    /// tests/SanChaos.Checkers.Tests/Fixtures/README.md): both nodes' links died at 18:43:00 and came back at 18:43:51; otter's
    /// serial link died once more at 18:44:24.9; otter logged one lost packet at 18:45:46.</summary>
    private static readonly IReadOnlyList<HistoryEvent> Recorded = HistoryFile.Read(Path.Combine(Core.Repository.Root(),
        "tests", "SanChaos.Checkers.Tests", "Fixtures", "fencing-both-paths-lost", "history.jsonl"));

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse($"2026-11-29T{time}+00:00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_cycle_counts_its_windows_link_deaths_those_after_the_paths_were_back_and_nothing_of_other_windows()
    {
        var cycle = new PowerCycle(1, "weasel", At("18:42:50"), LinksUp: At("18:43:52"), End: At("18:44:30"));

        PowerCycleTally.Line(cycle, Recorded, ["otter", "weasel"]).Should().Be(
            "cycle 1 of weasel: auth failures 0 (otter 0, weasel 0); lost packets 0 (otter 0, weasel 0); " +
            "link deaths 5 (otter 3, weasel 2), serial 3, 1 after both paths were back; transition hangs 0; both paths up after 62.0 s");
    }

    [Fact]
    public void Lost_packets_transition_hangs_and_the_relays_drops_of_the_cycle_are_in_its_line()
    {
        var hang = new HistoryEvent(9999, 0, At("18:45:50"), EventKinds.Recovery, "weasel",
            "weasel: hb_restart (otter holds the group but its Heartbeat says rscstatus transition; weasel holds nothing and says rscstatus none)",
            new Dictionary<string, string>
            {
                ["command"] = "hb_restart", ["reason"] = "otter holds the group but its Heartbeat says rscstatus transition; weasel holds nothing and says rscstatus none",
                ["exit"] = "0",
            });
        var before = new SerialRelayCounters("otter", "weasel", new(1000, 0, 0, 0, 0, 0), new(1000, 0, 0, 0, 0, 0)) { Baud = 9600 };
        var after = new SerialRelayCounters("otter", "weasel", new(1900, 0, 0, 0, 0, 0), new(1500, 0, 288, 120, 0, 12)) { Baud = 9600 };
        var cycle = new PowerCycle(2, "otter", At("18:45:20"), LinksUp: null, End: At("18:46:00"), before, after);

        var line = PowerCycleTally.Line(cycle, [.. Recorded, hang], ["otter", "weasel"]);

        line.Should().StartWith("cycle 2 of otter: auth failures 0 (otter 0, weasel 0); lost packets 1 (otter 1, weasel 0); " +
                                "link deaths 2 (otter 0, weasel 2), serial 1, paths never both up again; transition hangs 1; ");
        line.Should().EndWith("serial otter→weasel 900 B carried, dropped 0/0/0/0 B (pulled/off/closed/overrun), 0 B flushed, " +
                              "weasel→otter 500 B carried, dropped 0/288/120/0 B (pulled/off/closed/overrun), 12 B flushed");
        PowerCycleTally.IsTransitionHang(hang).Should().BeTrue();
        PowerCycleTally.IsTransitionHang(hang with { Data = new Dictionary<string, string> { ["reason"] = "heartbeat is not running" } }).Should().BeFalse();
    }
}
