using FluentAssertions;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Core.History;
using Xunit;

namespace SanChaos.Checkers.Tests;

/// <summary>The history a checker reads is in time order, whatever order it was handed in: checkers never sort it again.</summary>
[Trait("Category", "unit")]
public sealed class CheckInputTests
{
    [Fact]
    public void Events_handed_in_any_order_are_read_in_time_order_then_by_sequence()
    {
        var t = new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);
        static HistoryEvent E(long seq, DateTimeOffset at, string kind) => new(seq, 0, at, kind, "test", kind, new Dictionary<string, string>());
        var late = E(1, t.AddSeconds(2), "b");
        var early = E(2, t, "a");
        var sameTimeLaterSequence = E(3, t.AddSeconds(2), "c");

        var input = new CheckInput([sameTimeLaterSequence, late, early], KillPrimary.Lab);

        input.Events.Select(e => e.Kind).Should().Equal("a", "b", "c");
    }
}
