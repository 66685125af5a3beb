namespace SanChaos.Config;

/// <summary>A drill that demonstrates a finding or measures a budget: a feature file and the tag that selects it.</summary>
/// <param name="Feature">The feature file, e.g. <c>features/power-loss.feature</c>.</param>
/// <param name="Tag">The scenario's tag (<c>--filter "Category=kill-primary"</c>).</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Planned">True when the scenario is not written yet (the drill suite, issue 15).</param>
public sealed record DrillRef(string Feature, string Tag, string Scenario, bool Planned = false)
{
    /// <summary><c>features/power-loss.feature @kill-primary (The primary loses power)</c>.</summary>
    public override string ToString() => $"{Feature} @{Tag} ({Scenario}){(Planned ? "; planned in the drill suite (issue 15)" : "")}";
}
