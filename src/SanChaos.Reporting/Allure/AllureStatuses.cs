using SanChaos.Gherkin.Execution;

namespace SanChaos.Reporting.Allure;

/// <summary>
/// SanChaos outcomes as Allure statuses: passed; failed (the SAN misbehaved: a failed step or an Invalid verdict);
/// broken (could not be decided: the lab or the harness failed, a step without or with two bindings, or a checker said
/// Unknown); skipped.
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

    /// <summary>A scenario's status, its verdicts included: an Invalid verdict fails a scenario that passed, an Unknown one breaks it.</summary>
    public static string Of(ScenarioResult r)
    {
        var status = Of(r.Status);
        if (status != Passed) return status;
        var verdicts = r.Verdicts ?? [];
        if (verdicts.Any(v => v.Status == "invalid")) return Failed;
        return verdicts.Any(v => v.Status != "valid") ? Broken : Passed;
    }

    /// <summary>A verdict's status.</summary>
    public static string Of(ScenarioVerdict v) => v.Status switch
    {
        "valid" => Passed,
        "invalid" => Failed,
        _ => Broken,
    };
}
