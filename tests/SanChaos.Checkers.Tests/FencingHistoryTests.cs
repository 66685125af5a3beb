using FluentAssertions;
using SanChaos.Checkers.Forbidden;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Core.History;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>A real history (Fixtures/fencing-both-paths-lost): both Heartbeat paths cut with DRBD fencing resource-only.</summary>
[Trait("Category", "unit")]
public sealed class FencingHistoryTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fencing-both-paths-lost");

    private static CheckInput Input() => new(HistoryFile.InTimeOrder(HistoryFile.Read(Path.Combine(Folder, "history.jsonl"))), Lab, Folder);

    private static ForbiddenPattern Partition => ForbiddenPatterns.Default.Single(p => p.Name == "heartbeat-partition");

    private static readonly string[] Storage = ["otter", "weasel"];

    [Fact]
    public void Fencing_kept_DRBD_and_the_addresses_from_splitting() =>
        Checking.Run(new SplitBrainChecker(), Input()).Status.Should().Be(VerdictStatus.Valid);

    [Fact]
    public void The_partition_the_drill_caused_is_expected_but_Heartbeat_s_both_own_conflict_stays_forbidden()
    {
        var plain = Checking.Run(new ForbiddenLinesChecker(), Input());
        plain.Status.Should().Be(VerdictStatus.Invalid);
        plain.Evidence.Select(e => e.What.Split(':')[0]).Distinct().Should().BeEquivalentTo(["heartbeat-partition", "heartbeat-both-own"]);

        var v = Checking.Run(new ForbiddenLinesChecker(new ForbiddenLinesOptions
            { Expected = new Dictionary<string, string> { ["heartbeat-partition"] = "both paths cut" } }), Input());
        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Evidence.Should().OnlyContain(e => e.What.StartsWith("heartbeat-both-own:", StringComparison.Ordinal));
        v.Figures!["expected_lines"].Should().Be(2);
    }

    [Fact]
    public void Every_storage_node_logged_the_partition()
    {
        var v = Checking.Run(new ExpectedLinesChecker(Partition, Storage), Input());
        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Evidence.Select(e => e.Node).Should().BeEquivalentTo(Storage);
    }

    [Fact]
    public void A_drill_without_a_partition_fails_the_expectation_naming_the_nodes()
    {
        var v = Checking.Run(new ExpectedLinesChecker(Partition, Storage), History().Input(Support.KillPrimary.Folder));
        v.Status.Should().Be(VerdictStatus.Invalid, v.ToString());
        v.Summary.Should().StartWith("otter and weasel logged no heartbeat-partition line");
    }
}
