using FluentAssertions;
using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Xunit;
using Xunit;

namespace SanChaos.Gherkin.Tests;

/// <summary>
/// Outcome classes: each class from a record shaped like the nightly's (the verdict summaries are those of the drills in
/// stop 23's nightly, reports/runs/20261130-004157-32281), with the planted variant that must change the class.
/// </summary>
public sealed class OutcomeTests
{
    private static readonly string[] DontCare =
        ["heartbeat-paths", "both-paths-lost", "expect:split-brain", "expect:forbidden-lines", "expect:baseline-audit", "expect:application-errors",
         "expect:acknowledged-writes:unknown"];

    private static ScenarioVerdict V(string checker, string status, string summary = "…", double? margin = null, int? step = null) =>
        new(checker, status, summary, [], margin is { } m ? new Dictionary<string, double> { ["margin_s"] = m } : null, step);

    private static StepResult Step(int line, StepStatus status, string text = "the I/O stall stays within the configured budget", string? error = null) =>
        new("Then", text, line, status, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), error, null);

    private static ScenarioResult Record(string[] tags, StepStatus status, ScenarioVerdict[] verdicts, StepResult[]? steps = null, string[]? teardown = null,
        string? error = null) =>
        new("features/x.feature:10", "features/x.feature", "Heartbeat paths", "drill", tags, "run", 1, status, DateTimeOffset.UnixEpoch,
            TimeSpan.FromMinutes(2), steps ?? [Step(12, StepStatus.Passed)], error, teardown ?? [], null, null, verdicts);

    private static ScenarioVerdict[] SplitBrainSeen() =>
    [
        V("split-brain", "invalid", "otter and weasel both DRBD Primary while disconnected for 54.4 s"),
        V("forbidden-lines", "invalid", "Split-Brain detected but unresolved, dropping connection!"),
        V("baseline-audit", "invalid", "both DRBD ends StandAlone"),
        V("application-errors", "invalid", "11566 write(s) failed (EIO) over 79.4 s", step: 12),
        V("acknowledged-writes", "unknown", "the probe never recovered: no read-back"),
        V("gratuitous-arp", "valid"),
    ];

    [Fact]
    public void The_declared_split_brain_seen_exactly_is_an_expected_finding()
    {
        var o = ScenarioOutcome.Classify(Record(DontCare, StepStatus.Failed, SplitBrainSeen()));
        o.Class.Should().Be(OutcomeClass.ExpectedFinding);
        o.Checkers.Should().BeEquivalentTo(["split-brain", "forbidden-lines", "baseline-audit", "application-errors", "acknowledged-writes"]);
        o.Reason.Should().Contain("54.4 s");
        o.Class.IsRed().Should().BeFalse();
    }

    [Fact]
    public void An_invalid_the_drill_does_not_declare_is_a_regression_even_beside_the_declared_ones()
    {
        var verdicts = SplitBrainSeen().Select(v => v.Checker == "gratuitous-arp" ? V("gratuitous-arp", "invalid", "no GARP for 192.168.2.1 on storage-b") : v).ToArray();
        var o = ScenarioOutcome.Classify(Record(DontCare, StepStatus.Failed, verdicts));
        o.Class.Should().Be(OutcomeClass.Regression);
        o.Checkers.Should().Equal("gratuitous-arp");
        o.Reason.Should().Contain("192.168.2.1");
        o.Class.IsRed().Should().BeTrue();
    }

    [Fact]
    public void A_declared_finding_that_is_not_seen_is_missing_never_green()
    {
        var verdicts = SplitBrainSeen().Select(v => v.Checker == "split-brain" ? V("split-brain", "valid", "one Primary at a time") : v).ToArray();
        var o = ScenarioOutcome.Classify(Record(DontCare, StepStatus.Failed, verdicts));
        o.Class.Should().Be(OutcomeClass.ExpectedFindingMissing);
        o.Checkers.Should().Equal("split-brain");
        o.Reason.Should().Contain("invalid expected, valid: one Primary at a time");
        o.Class.IsRed().Should().BeTrue();

        // Every check valid on a drill that declares findings: the SAN got better, or the checkers broke. Still red.
        var clean = ScenarioOutcome.Classify(Record(DontCare, StepStatus.Passed, SplitBrainSeen().Select(v => v with { Status = "valid" }).ToArray()));
        clean.Class.Should().Be(OutcomeClass.ExpectedFindingMissing);
    }

    [Fact]
    public void A_finding_declared_sometimes_is_expected_when_seen_and_neither_missing_nor_red_when_not()
    {
        string[] killHeartbeat = ["heartbeat-death", "expect:baseline-audit", "expect:stall-budget:sometimes"];
        ScenarioVerdict[] Verdicts(string stall) =>
            [V("baseline-audit", "invalid", "Heartbeat on weasel says rscstatus all although weasel holds nothing"), V("split-brain", "valid"),
             V("stall-budget", stall, stall == "invalid" ? "I/O stall 4.588 s, budget 0 s: over budget" : "I/O stall 444.1 ms within the budget 0 s", margin: 5)];

        var seen = ScenarioOutcome.Classify(Record(killHeartbeat, StepStatus.Failed, Verdicts("invalid")));
        seen.Class.Should().Be(OutcomeClass.ExpectedFinding);
        seen.Checkers.Should().BeEquivalentTo(["baseline-audit", "stall-budget"]);

        var notSeen = ScenarioOutcome.Classify(Record(killHeartbeat, StepStatus.Failed, Verdicts("valid")));
        notSeen.Class.Should().Be(OutcomeClass.ExpectedFinding, "baseline-audit is declared always and seen");
        notSeen.Checkers.Should().Equal("baseline-audit");
        notSeen.Reason.Should().Contain("stall-budget: declared sometimes, not seen this run");

        // The planted defect: the always-declared finding gone is still missing, whatever "sometimes" says.
        var gone = ScenarioOutcome.Classify(Record(killHeartbeat, StepStatus.Passed,
            [V("baseline-audit", "valid"), V("split-brain", "valid"), V("stall-budget", "valid", margin: 5)]));
        gone.Class.Should().Be(OutcomeClass.ExpectedFindingMissing);
        gone.Checkers.Should().Equal("baseline-audit");

        // Only "sometimes" declared and not seen: passed, with the aside; an unknown of it is still broken.
        var alone = ScenarioOutcome.Classify(Record(["expect:stall-budget:sometimes"], StepStatus.Passed, [V("stall-budget", "valid", margin: 5)]));
        alone.Class.Should().Be(OutcomeClass.Passed);
        alone.Reason.Should().Contain("declared sometimes");
        ScenarioOutcome.Classify(Record(["expect:stall-budget:sometimes"], StepStatus.Broken, [V("stall-budget", "unknown", "no stall measured")]))
            .Class.Should().Be(OutcomeClass.Broken);
    }

    [Fact]
    public void An_undeclared_unknown_is_broken_not_a_pass()
    {
        var o = ScenarioOutcome.Classify(Record([], StepStatus.Broken, [V("split-brain", "valid"), V("acknowledged-writes", "unknown", "no read-back")]));
        o.Class.Should().Be(OutcomeClass.Broken);
        o.Checkers.Should().Equal("acknowledged-writes");

        // The same unknown declared (a split brain leaves nothing to read back) is part of the expected finding.
        var declared = ScenarioOutcome.Classify(Record(["expect:split-brain", "expect:acknowledged-writes:unknown"], StepStatus.Failed,
            [V("split-brain", "invalid"), V("acknowledged-writes", "unknown", "no read-back")]));
        declared.Class.Should().Be(OutcomeClass.ExpectedFinding);
    }

    [Fact]
    public void A_failed_heal_is_broken_not_a_san_verdict()
    {
        // Stop 23's protocol A drill: the heal order left DRBD StandAlone and the audit blamed the SAN. A teardown error is
        // the harness's: broken, with the heal named.
        var o = ScenarioOutcome.Classify(Record([], StepStatus.Failed, [V("baseline-audit", "invalid", "weasel StandAlone")],
            teardown: ["Drill.EndAsync: heal drbd-protocol on otter failed: exit 10"]));
        o.Class.Should().Be(OutcomeClass.Broken);
        o.Reason.Should().Contain("heal drbd-protocol on otter").And.Contain("baseline-audit ended invalid");
    }

    [Fact]
    public void A_step_that_broke_without_a_verdict_is_broken_and_one_that_failed_is_a_regression()
    {
        var broken = ScenarioOutcome.Classify(Record([], StepStatus.Broken, [],
            [Step(8, StepStatus.Passed, "the SAN is in steady state"), Step(12, StepStatus.Broken, "the primary loses power", "the PDU did not answer")]));
        broken.Class.Should().Be(OutcomeClass.Broken);
        broken.Reason.Should().Contain("the PDU did not answer");

        var failed = ScenarioOutcome.Classify(Record([], StepStatus.Failed, [],
            [Step(12, StepStatus.Failed, "the other storage node holds the storage resources within 180 s", "otter still holds nothing after 180 s")]));
        failed.Class.Should().Be(OutcomeClass.Regression);
        failed.Checkers.Should().Equal("step:L12");
        failed.Reason.Should().Contain("otter still holds nothing");
    }

    [Fact]
    public void A_scenario_that_did_not_pass_with_nothing_to_blame_is_broken()
    {
        // A before-hook failed: every step skipped, no verdict. Never "passed".
        var o = ScenarioOutcome.Classify(Record([], StepStatus.Failed, [], [Step(8, StepStatus.Skipped)], error: "lab: keeper died"));
        o.Class.Should().Be(OutcomeClass.Broken);
        o.Reason.Should().Contain("keeper died");
    }

    [Fact]
    public void A_race_decided_by_less_than_the_bound_is_marginal_either_way()
    {
        // Lost by 0.5 s (the seeds' no_path_retry fail: 75 EIO over 0.5 s) and won by 0.5 s: both marginal under the 2 s default.
        var lost = ScenarioOutcome.Classify(Record([], StepStatus.Failed, [V("application-errors", "invalid", "75 write(s) failed", margin: -0.5, step: 12)]));
        lost.Class.Should().Be(OutcomeClass.Marginal);
        lost.MarginSeconds.Should().Be(0.5);
        lost.Class.IsRed().Should().BeFalse();
        var won = ScenarioOutcome.Classify(Record([], StepStatus.Passed, [V("application-errors", "valid", "no error", margin: 0.5)]));
        won.Class.Should().Be(OutcomeClass.Marginal);

        // Planted: lost by 6 s is a regression; won by 6 s passes; a tighter bound declared with @margin:0.3s decides 0.5 s.
        ScenarioOutcome.Classify(Record([], StepStatus.Failed, [V("application-errors", "invalid", "1738 write(s) failed", margin: -6, step: 12)]))
            .Class.Should().Be(OutcomeClass.Regression);
        ScenarioOutcome.Classify(Record([], StepStatus.Passed, [V("application-errors", "valid", "no error", margin: 6)])).Class.Should().Be(OutcomeClass.Passed);
        ScenarioOutcome.Classify(Record(["margin:0.3s"], StepStatus.Failed, [V("application-errors", "invalid", "75 write(s) failed", margin: -0.5, step: 12)]))
            .Class.Should().Be(OutcomeClass.Regression);
    }

    [Fact]
    public void A_regression_with_one_clear_finding_beside_a_marginal_one_stays_a_regression()
    {
        var o = ScenarioOutcome.Classify(Record([], StepStatus.Failed,
            [V("application-errors", "invalid", "75 write(s) failed", margin: -0.5), V("split-brain", "invalid", "both primary")]));
        o.Class.Should().Be(OutcomeClass.Regression);
        o.MarginSeconds.Should().Be(0.5);
    }

    [Fact]
    public void Skipped_stays_skipped_and_malformed_tags_break_the_drill_with_the_file()
    {
        ScenarioOutcome.Classify(Record([], StepStatus.Skipped, [], error: "dry run")).Class.Should().Be(OutcomeClass.Skipped);
        var bad = ScenarioOutcome.Classify(Record(["expect:split-brain:often"], StepStatus.Passed, [V("split-brain", "valid")]));
        bad.Class.Should().Be(OutcomeClass.Broken);
        bad.Reason.Should().Contain("features/x.feature").And.Contain("@expect:<checker>");
        ScenarioOutcome.Classify(Record(["margin:soon"], StepStatus.Passed, [])).Reason.Should().Contain("@margin:5s");
    }

    [Fact]
    public void A_repair_the_san_is_known_for_is_judged_by_its_checker_and_one_the_lab_needed_is_broken()
    {
        // Heartbeat v1's rscstatus stuck in transition after the kill-heartbeat drill: a known SUT behaviour, judged by
        // baseline-audit (Invalid, declared or not), never broken by itself.
        var transition = new ScenarioRepair("otter", "rscstatus transition while weasel holds the group", 21.3, "hb_restart on otter: exit 0", true,
            "heartbeat-transition-no-holder", "sut", "baseline-audit", "hb_resource.c");
        var sut = Record([], StepStatus.Failed, [V("baseline-audit", "invalid", "otter rscstatus transition")]) with { Repairs = [transition] };
        ScenarioOutcome.Classify(sut).Class.Should().Be(OutcomeClass.Regression);

        // Planted: the same repair as a lab artifact, or one that did not take, breaks the drill with the repair named.
        var lab = sut with { Repairs = [transition with { Class = "lab", Source = "the serial relay stopped" }] };
        var o = ScenarioOutcome.Classify(lab);
        o.Class.Should().Be(OutcomeClass.Broken);
        o.Reason.Should().Contain("lab repair: otter").And.Contain("the serial relay stopped");
        ScenarioOutcome.Classify(sut with { Repairs = [transition with { Succeeded = false }] }).Reason.Should().Contain("lab repair failed");
    }

    [Fact]
    public void All_valid_without_declarations_passes()
    {
        var o = ScenarioOutcome.Classify(Record(["smoke"], StepStatus.Passed, [V("split-brain", "valid"), V("acknowledged-writes", "valid")]));
        o.Class.Should().Be(OutcomeClass.Passed);
        o.Reason.Should().Be("2 verdict(s) valid");
    }

    [Fact]
    public void Repeat_rows_carry_their_round_and_order_round_by_round()
    {
        Repeat.RowId("features/p.feature:12", 2, 3).Should().Be("features/p.feature:12#2");
        Repeat.RowId("features/p.feature:12", 1, 1).Should().Be("features/p.feature:12");
        Repeat.Parse("features/p.feature:12#2").Should().Be(("features/p.feature:12", 2));
        Repeat.Parse("features/p.feature:12").Should().Be(("features/p.feature:12", 1));
        Repeat.DisplayName("Power: x", 2, 3).Should().Be("Power: x [run 2/3]");
        Repeat.RoundOf("Power: x [run 2/3]").Should().Be(2);
        Repeat.RoundOf("Power: x").Should().Be(1);
    }
}
