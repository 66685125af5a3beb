using FluentAssertions;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Checkers.Stall;
using SanChaos.Config.Budget;
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
    public void The_stall_fits_the_budget_made_of_this_takeover_s_own_group_start_and_re_login()
    {
        var v = Checking.Run(new StallBudgetChecker(FaultKind.PrimaryPowerLoss, Queueing(), Measured), Input());

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        // weasel declared otter dead at 16:56:40.3 and ran its target 24.2 s later; badger logged in again 2.4 s after that.
        v.Summary.Should().Be("primary power loss: I/O stall 40.752 s within the budget 35.6–48.1 s; no application errors");
        v.Evidence.Should().Contain(e => e.What.StartsWith("machine-dependent terms: resource group start 24.2 s (measured on lab embedded at 16:56:40", StringComparison.Ordinal)
                                         && e.What.Contains("iSCSI re-login 2.4 s", StringComparison.Ordinal));
        v.Figures!["margin_s"].Should().Be(7.832, "48.084 + 0.5 s jitter - 40.752 s");
    }

    [Fact]
    public void The_recorded_takeover_has_no_split_brain() =>
        Checking.Run(new SplitBrainChecker(), Input()).Status.Should().Be(VerdictStatus.Valid);
}
