namespace SanChaos.Gherkin.Execution;

/// <summary>One figure a scenario measured.</summary>
/// <param name="Name">What (e.g. <c>takeover</c>, <c>io stall</c>).</param>
/// <param name="Value">The value with its unit, as people read it (e.g. <c>31.4 s</c>).</param>
/// <param name="Detail">How it was measured, or what it is relative to (e.g. <c>after the fault</c>).</param>
public sealed record ScenarioFigure(string Name, string Value, string? Detail = null)
{
    /// <inheritdoc />
    public override string ToString() => Detail is null ? $"{Name}: {Value}" : $"{Name}: {Value} ({Detail})";
}
