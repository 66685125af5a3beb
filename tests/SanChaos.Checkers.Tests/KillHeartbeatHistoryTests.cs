using FluentAssertions;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Checkers.Stall;
using SanChaos.Config.Budget;
using SanChaos.Core.History;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>A real history (Fixtures/kill-heartbeat): Heartbeat killed on the primary, a "takeover" that moved nothing.</summary>
[Trait("Category", "unit")]
public sealed class KillHeartbeatHistoryTests
{
    private static CheckInput Input() =>
        new(HistoryFile.InTimeOrder(HistoryFile.Read(Path.Combine("Fixtures", "kill-heartbeat", "history.jsonl"))), Lab);

    [Fact]
    public void A_takeover_line_that_moved_no_address_calls_for_no_announcement() =>
        Checking.Run(new GarpChecker(), Input()).Status.Should().Be(VerdictStatus.Valid);

    [Fact]
    public void The_probe_s_ordinary_jitter_is_no_stall_against_a_budget_of_none()
    {
        var budget = FailoverBudget.For(FaultKind.HeartbeatDaemonDeath, Configuration, Measured);
        budget.Stall.Max.Should().Be(TimeSpan.Zero);
        var v = Checking.Run(new StallBudgetChecker(budget), Input());
        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Evidence[0].What.Should().Contain("within the probe's ordinary jitter");
        Checking.Run(new StallBudgetChecker(budget, new StallBudgetOptions { Jitter = TimeSpan.Zero }), Input()).Status.Should().Be(VerdictStatus.Invalid);
    }

    [Fact]
    public void Nothing_split() => Checking.Run(new SplitBrainChecker(), Input()).Status.Should().Be(VerdictStatus.Valid);
}
