using SanChaos.Core.History;
using FluentAssertions;
using SanChaos.Gherkin.Execution;
using SanChaos.Reporting.Outcomes;
using Xunit;

namespace SanChaos.Reporting.Tests.Outcomes;

/// <summary>
/// The outcome table over repeated runs: a drill whose class changed is flaky with the figure that moved it; figures'
/// min/median/max; a run with only steady classes is green. The figures are those the nightly records (takeover complete,
/// io stall) with values from stop 23's nightly.
/// </summary>
public sealed class OutcomeSummaryTests
{
    private static ScenarioResult Run(string name, string[] tags, StepStatus status, string takeover, string stall, params ScenarioVerdict[] verdicts) =>
        new($"features/timeouts.feature:24", "features/timeouts.feature", "Timeout tuning against a primary power loss", name, tags, "r", 1, status,
            DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(2), [], null, [],
            [new Figure("takeover complete", takeover, "after the fault"), new Figure("io stall", stall)], null, verdicts);

    private static ScenarioVerdict Errors(bool valid, int count) =>
        new("application-errors", valid ? "valid" : "invalid", valid ? "no write failed" : $"{count} write(s) failed (EIO)", [],
            new Dictionary<string, double> { ["failed_writes"] = count });

    private const string Fail = "A primary power loss with no_path_retry fail";
    private const string Queue = "A primary power loss with no_path_retry queue";

    [Fact]
    public void A_drill_whose_class_changed_is_flaky_with_the_figure_that_separates_the_runs()
    {
        // The seeds' no_path_retry fail: the takeover won the race in runs 1 and 3 and lost it in run 2.
        var records = new[]
        {
            Run(Fail, [], StepStatus.Passed, "+9.1 s", "17.7 s", Errors(true, 0)),
            Run(Queue, [], StepStatus.Passed, "+8.0 s", "18.4 s"),
            Run(Fail, [], StepStatus.Failed, "+21.4 s", "10.5 s", Errors(false, 1738)),
            Run(Queue, [], StepStatus.Passed, "+9.6 s", "18.9 s"),
            Run(Fail, [], StepStatus.Passed, "+12.0 s", "19.0 s", Errors(true, 0)),
            Run(Queue, [], StepStatus.Passed, "+15.1 s", "20.2 s"),
        };
        var drills = OutcomeSummary.Of(records);
        drills.Should().HaveCount(2);
        var fail = drills.Single(d => d.Name == Fail);
        fail.Flaky.Should().BeTrue();
        fail.Red.Should().BeTrue();
        fail.Runs.Select(r => r.Class).Should().Equal(OutcomeClass.Passed, OutcomeClass.Regression, OutcomeClass.Passed);
        fail.ClassText.Should().Be("flaky (passed ×2, regression ×1)");
        // application-errors.failed_writes separates the classes by the widest gap: 0, 0 | 1738.
        fail.MovedBy.Should().StartWith("application-errors.failed_writes (passed 0, regression 1738, passed 0)");

        var queue = drills.Single(d => d.Name == Queue);
        queue.Flaky.Should().BeFalse();
        queue.ClassText.Should().Be("passed ×3");
        var takeover = queue.Figures.Single(f => f.Name == "takeover complete");
        (takeover.Min, takeover.Median, takeover.Max).Should().Be((8.0, 9.6, 15.1));
        takeover.Text.Should().Be("8 s / 9.6 s / 15.1 s");

        var table = OutcomeSummary.Table(drills);
        table.Should().Contain("flaky (passed ×2, regression ×1)").And.Contain("moved by application-errors.failed_writes");
        table.Should().Contain("1 passed, 1 flaky").And.Contain("RED");
        table.Should().Contain("figures over the runs (min / median / max):").And.Contain("8 s / 9.6 s / 15.1 s");
    }

    [Fact]
    public void The_figure_named_for_a_flaky_drill_is_the_deciding_checkers_margin_before_one_that_separates_by_chance()
    {
        // The nightly of 2026-12-08, the seeds' multipath settings: marginal, regression, marginal by application-errors'
        // margin (4.5 s, 12.3 s, 6.1 s against the 10 s bound); the GARP delay happened to separate the runs as well.
        static ScenarioVerdict Race(double margin, double garp) =>
            new("application-errors", "invalid", "1806 write(s) failed (EIO)", [], new Dictionary<string, double> { ["margin_s"] = margin, ["failed_writes"] = 1806 });
        static ScenarioVerdict Garp(double delay) =>
            new("gratuitous-arp", "valid", "announced", [], new Dictionary<string, double> { ["garp_delay_s"] = delay });
        string[] tags = ["margin:10s"];
        var records = new[]
        {
            Run(Fail, tags, StepStatus.Failed, "+10.6 s", "31.4 s", Race(4.5, 0.204), Garp(0.204)),
            Run(Fail, tags, StepStatus.Failed, "+10.6 s", "31.4 s", Race(12.3, 0.258), Garp(0.258)),
            Run(Fail, tags, StepStatus.Failed, "+10.6 s", "31.4 s", Race(6.1, 0.203), Garp(0.203)),
        };

        var drill = OutcomeSummary.Of(records).Single();

        drill.Runs.Select(r => r.Class).Should().Equal(OutcomeClass.Marginal, OutcomeClass.Regression, OutcomeClass.Marginal);
        drill.MovedBy.Should().StartWith("application-errors.margin_s (marginal 4.5 s, regression 12.3 s, marginal 6.1 s)");
    }

    [Fact]
    public void The_figure_named_is_that_of_the_checker_whose_verdict_changed()
    {
        // The nightly of 2026-12-08, resource-only: application-errors invalid (declared) every run with its margin
        // varying; baseline-audit invalid in runs 1 and 3 only (Heartbeat stayed down): that is what moved the class.
        static ScenarioVerdict App(double margin) =>
            new("application-errors", "invalid", "EIO", [], new Dictionary<string, double> { ["margin_s"] = margin });
        static ScenarioVerdict Audit(int problems) =>
            new("baseline-audit", problems > 0 ? "invalid" : "valid", "audit", [], new Dictionary<string, double> { ["problems"] = problems });
        string[] tags = ["expect:application-errors"];
        var records = new[]
        {
            Run(Fail, tags, StepStatus.Failed, "+11.6 s", "31.4 s", App(86.1), Audit(3)),
            Run(Fail, tags, StepStatus.Failed, "+11.6 s", "31.4 s", App(46.4), Audit(0)),
            Run(Fail, tags, StepStatus.Failed, "+11.6 s", "31.4 s", App(96.3), Audit(3)),
        };

        var drill = OutcomeSummary.Of(records).Single();

        drill.Runs.Select(r => r.Class).Should().Equal(OutcomeClass.Regression, OutcomeClass.ExpectedFinding, OutcomeClass.Regression);
        drill.MovedBy.Should().StartWith("baseline-audit.problems (regression 3, expected finding 0, regression 3)");
    }

    [Fact]
    public void Steady_classes_are_green_and_an_expected_finding_every_time_is_not_flaky()
    {
        var finding = new ScenarioVerdict("stall-bound", "invalid", "I/O stall 33.9 s, bound 30 s", []);
        var records = Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            Run(Queue, [], StepStatus.Passed, "+8.0 s", "18.4 s"),
            Run("The iSCSI target is stopped on the primary", ["expect:stall-bound"], StepStatus.Failed, "-", "33.9 s", finding),
        }).ToArray();
        var drills = OutcomeSummary.Of(records);
        drills.Should().OnlyContain(d => !d.Flaky && !d.Red);
        drills.Single(d => d.Name.StartsWith("The iSCSI", StringComparison.Ordinal)).ClassText.Should().Be("expected finding ×3");
        OutcomeSummary.Table(drills).Should().Contain("1 passed, 1 expected finding").And.Contain("green: nothing got worse");
    }

    [Fact]
    public void A_figure_that_separates_the_classes_wins_over_one_that_only_varies()
    {
        var records = new[]
        {
            Run(Fail, [], StepStatus.Passed, "+9.0 s", "17.0 s"),
            Run(Fail, [], StepStatus.Failed, "+10.0 s", "30.0 s", new ScenarioVerdict("split-brain", "invalid", "both primary", [])),
            Run(Fail, [], StepStatus.Passed, "+11.0 s", "16.0 s"),
        };
        var d = OutcomeSummary.Of(records).Single();
        d.Flaky.Should().BeTrue();
        // io stall separates (16, 17 | 30); takeover does not (9 passed, 10 regression, 11 passed).
        d.MovedBy.Should().StartWith("io stall (");
        OutcomeSummary.Of(records.Where((_, i) => i != 1)).Single().Flaky.Should().BeFalse();
    }
}
