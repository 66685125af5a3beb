namespace SanChaos.Gherkin.Execution;

/// <summary>What became of a step (or a scenario).</summary>
public enum StepStatus
{
    /// <summary>Ran and passed.</summary>
    Passed,
    /// <summary>Ran and failed (assertion, exception, conversion error).</summary>
    Failed,
    /// <summary>
    /// Not run because an earlier step did not pass; or the step cannot run on this system at all
    /// (<see cref="SkippedStepException"/>), which skips the scenario with the reason.
    /// </summary>
    Skipped,
    /// <summary>No binding matches it.</summary>
    Undefined,
    /// <summary>Several bindings match it.</summary>
    Ambiguous,
    /// <summary>Could not be decided: the lab or the harness failed, or a checker said Unknown. Never a pass, and
    /// not a verdict on the system under test either (reported as "broken").</summary>
    Broken,
}
