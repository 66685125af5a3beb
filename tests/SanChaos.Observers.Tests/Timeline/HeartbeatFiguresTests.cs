using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Observers.Timeline;
using Xunit;

namespace SanChaos.Observers.Tests.Timeline;

[Trait("Category", "unit")]
public sealed class HeartbeatFiguresTests
{
    /// <summary>
    /// The history of the drill "Both heartbeat paths are lost with DRBD fencing resource-only", recorded on the embedded lab
    /// (tests/SanChaos.Checkers.Tests/Fixtures/README.md): otter logged "1 lost packet(s) for [weasel]", both nodes logged
    /// their links dead when the paths were cut, and otter's serial link died once more when the paths came back.
    /// </summary>
    private static IReadOnlyList<HistoryEvent> BothPathsLost() => HistoryFile.Read(
        Path.Combine(Repository.Root(), "tests", "SanChaos.Checkers.Tests", "Fixtures", "fencing-both-paths-lost", "history.jsonl"));

    [Fact]
    public void Lost_packets_and_link_deaths_are_counted_per_node_from_a_recorded_drill()
    {
        HeartbeatFigures.Count(BothPathsLost()).Should().Equal(
            new HeartbeatLineCounts("otter", AuthFailures: 0, LostPackets: 1, LinkDeaths: 3, SerialLinkDeaths: 2),
            new HeartbeatLineCounts("weasel", AuthFailures: 0, LostPackets: 0, LinkDeaths: 4, SerialLinkDeaths: 2));

        var figures = HeartbeatFigures.From(BothPathsLost()).ToDictionary(f => f.Name, f => f.Value);
        figures.Should().Equal(new Dictionary<string, string>
        {
            ["hb_auth_failures otter"] = "0", ["hb_lost_packets otter"] = "1", ["hb_auth_failures weasel"] = "0", ["hb_lost_packets weasel"] = "0",
        });
    }

    [Fact]
    public void Authentication_failures_count_each_line_and_lost_packets_add_their_counts_zeros_for_every_ha_log_followed()
    {
        var t = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        // Lines in Heartbeat 3.0.6's wording, as the timeline rules of lab/sut/commands.yaml turn them into events.
        HistoryEvent[] events =
        [
            new(0, 0, t, ObserverEventKinds.Started, "timeline", "timeline of otter, weasel, badger",
                new Dictionary<string, string> { ["observer"] = "timeline", ["nodes"] = "otter,weasel,badger", ["ha_log_nodes"] = "otter,weasel" }),
            new(1, 0, t.AddSeconds(1), HeartbeatFigures.AuthFailedKind, "timeline", "weasel: ... node [otter] failed authentication",
                new Dictionary<string, string> { ["peer"] = "otter", ["node"] = "weasel", ["stream"] = "H" }),
            new(2, 0, t.AddSeconds(2), HeartbeatFigures.AuthFailedKind, "timeline", "weasel: ... node [otter] failed authentication",
                new Dictionary<string, string> { ["peer"] = "otter", ["node"] = "weasel", ["stream"] = "H" }),
            new(3, 0, t.AddSeconds(3), HeartbeatFigures.LostPacketsKind, "timeline", "weasel: ... 3 lost packet(s) for [otter] [10:14]",
                new Dictionary<string, string> { ["count"] = "3", ["peer"] = "otter", ["node"] = "weasel", ["stream"] = "H" }),
            new(4, 0, t.AddSeconds(4), HeartbeatFigures.LostPacketsKind, "timeline", "weasel: ... 2 lost packet(s) for [otter] [20:23]",
                new Dictionary<string, string> { ["count"] = "2", ["peer"] = "otter", ["node"] = "weasel", ["stream"] = "H" }),
        ];

        HeartbeatFigures.From(events).ToDictionary(f => f.Name, f => f.Value).Should().Equal(new Dictionary<string, string>
        {
            ["hb_auth_failures otter"] = "0", ["hb_lost_packets otter"] = "0", ["hb_auth_failures weasel"] = "2", ["hb_lost_packets weasel"] = "5",
        }, "otter's ha-log was followed and said nothing: zero; badger has no Heartbeat");
        HeartbeatFigures.From(events.Skip(1)).Select(f => f.Name).Should().Equal("hb_auth_failures weasel", "hb_lost_packets weasel");
    }
}
