namespace SanChaos.Core.History;

/// <summary>
/// One figure of a scenario, as people read it: computed once from its history (<c>ScenarioFigures</c>) and read by the
/// console, the scenario's record (<c>scenarios.jsonl</c>), the charts and <c>compare</c>.
/// </summary>
/// <param name="Name">What (e.g. <c>takeover complete</c>, <c>io stall</c>).</param>
/// <param name="Value">The value with its unit, as people read it (e.g. <c>+31.4 s</c>).</param>
/// <param name="Detail">How it was measured, or what it is relative to (e.g. <c>after the fault</c>).</param>
public sealed record Figure(string Name, string Value, string? Detail = null)
{
    /// <inheritdoc />
    public override string ToString() => Detail is null ? $"{Name}: {Value}" : $"{Name}: {Value} ({Detail})";
}
