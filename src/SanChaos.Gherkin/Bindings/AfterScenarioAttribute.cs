namespace SanChaos.Gherkin.Bindings;

/// <summary>
/// Runs the method after each scenario, whatever happened: a failed step, an exception, cancellation.
/// This is where faults are healed. After-hooks get a token that the run's cancellation does not cancel
/// (a cancelled drill must still heal), bounded by a deadline.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterScenarioAttribute : Attribute
{
    /// <summary>Creates the hook.</summary>
    /// <param name="tags">Run only for scenarios carrying one of these tags; none = every scenario.</param>
    public AfterScenarioAttribute(params string[] tags) => Tags = tags;

    /// <summary>Tags that select the scenarios it runs for; empty = all.</summary>
    public IReadOnlyList<string> Tags { get; }
}
