using SanChaos.Gherkin.Execution;

namespace SanChaos.Reporting.Allure;

/// <summary>
/// SanChaos outcomes as Allure statuses: passed; failed (the SAN misbehaved: a failed step or an Invalid verdict);
/// broken (could not be decided: the lab or the harness failed, a step without or with two bindings, or a checker said
/// Unknown); skipped; unknown (a marginal race). A scenario's status comes from its outcome class.
/// </summary>
internal static class AllureStatuses
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Broken = "broken";
    public const string Skipped = "skipped";

    public static string Of(StepStatus status) => status switch
    {
        StepStatus.Passed => Passed,
        StepStatus.Failed => Failed,
        StepStatus.Skipped => Skipped,
        _ => Broken,
    };

    /// <summary>Allure's "unknown" status: a race decided by less than the drill's margin (outcome class marginal).</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// A scenario's status from its outcome class (<see cref="ScenarioOutcome"/>): passed and expected finding are passed
    /// (an expected finding is told apart by its category), a regression and an expected finding gone missing failed, a
    /// marginal race unknown, a drill that could not be judged broken.
    /// </summary>
    public static string Of(ScenarioResult r) => Of(r.Classified.Class);

    /// <summary>The Allure status of an outcome class.</summary>
    public static string Of(OutcomeClass c) => c switch
    {
        OutcomeClass.Passed or OutcomeClass.ExpectedFinding => Passed,
        OutcomeClass.Regression or OutcomeClass.ExpectedFindingMissing => Failed,
        OutcomeClass.Marginal => Unknown,
        OutcomeClass.Skipped => Skipped,
        _ => Broken,
    };

    /// <summary>A verdict's status.</summary>
    public static string Of(ScenarioVerdict v) => v.Status switch
    {
        "valid" => Passed,
        "invalid" => Failed,
        _ => Broken,
    };
}
