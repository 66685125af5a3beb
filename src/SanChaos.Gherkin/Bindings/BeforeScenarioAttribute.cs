namespace SanChaos.Gherkin.Bindings;

/// <summary>Runs the method before each scenario's first step (optionally only for scenarios with one of <see cref="Tags"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeScenarioAttribute : Attribute
{
    /// <summary>Creates the hook.</summary>
    /// <param name="tags">Run only for scenarios carrying one of these tags (without '@'); none = every scenario.</param>
    public BeforeScenarioAttribute(params string[] tags) => Tags = tags;

    /// <summary>Tags that select the scenarios it runs for; empty = all.</summary>
    public IReadOnlyList<string> Tags { get; }
}
