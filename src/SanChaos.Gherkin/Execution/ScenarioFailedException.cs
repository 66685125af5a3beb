using SanChaos.Core.Errors;

namespace SanChaos.Gherkin.Execution;

/// <summary>Thrown to the test framework when a scenario did not pass; carries the full record.</summary>
public sealed class ScenarioFailedException : SanChaosException
{
    /// <summary>Creates the error from the scenario's record and the first failure.</summary>
    public ScenarioFailedException(ScenarioResult result, Exception? cause)
        : base(Describe(result), "", cause) => Result = result;

    /// <summary>The scenario's record.</summary>
    public ScenarioResult Result { get; }

    private static string Describe(ScenarioResult r)
    {
        var outcome = r.Classified;
        var lines = new List<string> { $"Scenario '{r.Name}' ({r.Id}): {outcome.Class.Label()}: {outcome.Reason}", r.Error ?? "" };
        lines.Add("Steps:");
        lines.AddRange(r.Steps.Select(s => $"  {Mark(s.Status)} {s.Keyword} {s.Text}  ({r.FeatureFile}:{s.Line}{(s.Status == StepStatus.Skipped ? ", skipped" : $", {s.Duration.TotalSeconds:0.###} s")})"));
        if (r.Verdicts is { Count: > 0 } verdicts)
        {
            lines.Add("Verdicts:");
            lines.AddRange(verdicts.Select(v => $"  {v.Status.ToUpperInvariant(),-7} {v.Checker}: {v.Summary}"));
        }

        if (r.Figures is { Count: > 0 } figures)
        {
            lines.Add("Figures:");
            lines.AddRange(figures.Select(f => $"  {f}"));
        }

        if (r.ArtifactDirectory is { } dir) lines.Add($"Files: {dir}");
        if (r.TeardownErrors.Count > 0)
        {
            lines.Add("Teardown (after-scenario hooks, heals, disposal) also failed:");
            lines.AddRange(r.TeardownErrors.Select(e => "  " + e));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Mark(StepStatus s) => s switch
    {
        StepStatus.Passed => "✓",
        StepStatus.Skipped => "-",
        StepStatus.Undefined => "?",
        StepStatus.Ambiguous => "‼",
        StepStatus.Broken => "!",
        _ => "✗",
    };
}
