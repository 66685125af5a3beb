using FluentAssertions;
using SanChaos.Checkers.Tests.Support;
using Xunit;
using static SanChaos.Checkers.Tests.Support.KillPrimary;

namespace SanChaos.Checkers.Tests;

/// <summary>Verdicts as values: a set of checkers runs to the end whatever one does, and merges Invalid over Unknown over Valid.</summary>
[Trait("Category", "unit")]
public sealed class CheckerSetTests
{
    private sealed class Fixed(string name, VerdictStatus status) : IChecker
    {
        public string Name => name;

        public Verdict Check(CheckInput input) => new(name, status, status.ToString(), []);
    }

    private sealed class Throwing : IChecker
    {
        public string Name => "throwing";

        public Verdict Check(CheckInput input) => throw new InvalidOperationException("no data");
    }

    private static readonly CheckInput Empty = new([], Lab);

    [Fact]
    public void The_standard_set_passes_the_recorded_power_loss_with_the_seeds_budget()
    {
        var report = CheckerSet.Standard(Budget()).Run(History().Input(Folder));

        report.Verdicts.Select(v => v.Checker).Should().Equal("split-brain", "acknowledged-writes", "gratuitous-arp", "forbidden-lines", "stall-budget");
        report.Status.Should().Be(VerdictStatus.Valid, report.ToString());
        report.Passed.Should().BeTrue();
        report.Of("stall-budget")!.Figures!["stall_s"].Should().Be(44.71);
    }

    [Fact]
    public void A_checker_that_throws_is_unknown_and_the_others_still_run()
    {
        var report = new CheckerSet([new Throwing(), new Fixed("ok", VerdictStatus.Valid)]).Run(Empty);

        report.Verdicts.Should().HaveCount(2);
        report.Of("throwing")!.Status.Should().Be(VerdictStatus.Unknown);
        report.Of("throwing")!.Summary.Should().Be("the checker failed: InvalidOperationException: no data");
        report.Of("ok")!.Status.Should().Be(VerdictStatus.Valid);
        report.Status.Should().Be(VerdictStatus.Unknown);
        report.Passed.Should().BeFalse("Unknown is never a pass");
    }

    [Fact]
    public void Invalid_beats_unknown_beats_valid_and_nothing_checked_is_unknown()
    {
        new CheckerSet([new Fixed("a", VerdictStatus.Valid), new Throwing(), new Fixed("c", VerdictStatus.Invalid)]).Run(Empty).Status.Should().Be(VerdictStatus.Invalid);
        new CheckerSet([new Fixed("a", VerdictStatus.Valid), new Fixed("b", VerdictStatus.Valid)]).Run(Empty).Status.Should().Be(VerdictStatus.Valid);
        new CheckerSet([]).Run(Empty).Should().Match<CheckReport>(r => r.Status == VerdictStatus.Unknown && !r.Passed);
    }

    [Fact]
    public void Combined_parts_merge_their_status_summaries_evidence_and_figures_worst_first()
    {
        var v = Verdict.Combine("split-brain", [
            Verdict.Valid("split-brain", "DRBD: fine", new Evidence("a")) with { Figures = new Dictionary<string, double> { ["x_s"] = 1 } },
            Verdict.Invalid("split-brain", "ARP: two MACs", new Evidence("b")),
            Verdict.Unknown("split-brain", "IPs: unknown", new Evidence("c")),
        ]);

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Be("ARP: two MACs; IPs: unknown; DRBD: fine");
        v.Evidence.Select(e => e.What).Should().Equal("b", "c", "a");
        v.Figures.Should().Equal(new Dictionary<string, double> { ["x_s"] = 1 });
        Verdict.Combine("x", []).Status.Should().Be(VerdictStatus.Unknown);
    }
}
