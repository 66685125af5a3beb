using FluentAssertions;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Core.History;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>A real history (Fixtures/takeover-by-preferred-node): the preferred node takes its own group back after
/// Heartbeat's "takeover complete" line, so its GARPs come after that line.</summary>
[Trait("Category", "unit")]
public sealed class TakeoverByPreferredNodeTests
{
    private static CheckInput Input() =>
        new(HistoryFile.InTimeOrder(HistoryFile.Read(Path.Combine("Fixtures", "takeover-by-preferred-node", "history.jsonl"))), Lab);

    [Fact]
    public void Announcements_right_after_the_addresses_came_up_are_in_time_even_after_the_takeover_line()
    {
        var v = Checking.Run(new GarpChecker(), Input());
        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Summary.Should().Contain("192.168.1.1 announced by weasel").And.Contain("192.168.2.1 announced by weasel");
    }

    [Fact]
    public void The_recorded_takeover_has_no_split_brain() =>
        Checking.Run(new SplitBrainChecker(), Input()).Status.Should().Be(VerdictStatus.Valid);
}
