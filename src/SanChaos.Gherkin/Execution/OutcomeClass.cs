namespace SanChaos.Gherkin.Execution;

/// <summary>
/// What one drill (a scenario, or one Examples row) means for the nightly question "did it get worse?". Exactly one per
/// run of a drill; see <see cref="ScenarioOutcome.Classify"/> for the rules.
/// </summary>
public enum OutcomeClass
{
    /// <summary>Every checker Valid and nothing declared as expected.</summary>
    Passed,
    /// <summary>The drill declares (<c>@expect:&lt;checker&gt;</c>) what it fails on for the seeds' configuration, and the run
    /// saw exactly that: the declared checkers and no other. Not a regression; the evidence is kept.</summary>
    ExpectedFinding,
    /// <summary>A declared finding was not seen: the SAN got better, or a checker broke. Never silently green.</summary>
    ExpectedFindingMissing,
    /// <summary>An Invalid verdict (or a failed step) the drill does not declare: the SAN misbehaved in a new way.</summary>
    Regression,
    /// <summary>A verdict decided by a race whose margin (a checker's <c>margin_s</c> figure) was under the drill's bound:
    /// the next run may well decide it the other way.</summary>
    Marginal,
    /// <summary>The harness or the lab could not judge: a broken step, a teardown (heal) that failed, a checker Unknown.
    /// Not a verdict on the SAN.</summary>
    Broken,
    /// <summary>Not run here (a capability the lab lacks, or a dry run).</summary>
    Skipped,
}

/// <summary>How outcome classes read in text.</summary>
public static class OutcomeClasses
{
    /// <summary>The class in words (<c>expected finding</c>).</summary>
    public static string Label(this OutcomeClass c) => c switch
    {
        OutcomeClass.Passed => "passed",
        OutcomeClass.ExpectedFinding => "expected finding",
        OutcomeClass.ExpectedFindingMissing => "expected finding missing",
        OutcomeClass.Regression => "regression",
        OutcomeClass.Marginal => "marginal",
        OutcomeClass.Broken => "broken",
        _ => "skipped",
    };

    /// <summary>True for the classes that make a nightly red: a regression, a declared finding that went missing, a
    /// drill that could not be judged. Passed, expected findings, marginal races and skipped drills keep it green.</summary>
    public static bool IsRed(this OutcomeClass c) => c is OutcomeClass.Regression or OutcomeClass.ExpectedFindingMissing or OutcomeClass.Broken;
}
