namespace SanChaos.Gherkin.Execution;

/// <summary>A checker's verdict as a scenario's record carries it (the checkers' own types live in SanChaos.Checkers).</summary>
/// <param name="Checker">The checker's name (e.g. <c>split-brain</c>).</param>
/// <param name="Status"><c>valid</c>, <c>invalid</c> or <c>unknown</c>.</param>
/// <param name="Summary">One line.</param>
/// <param name="Evidence">The evidence, one line each, in time order.</param>
/// <param name="Figures">Named figures the checker measured, if any (e.g. <c>stall_s</c>).</param>
/// <param name="Step">The feature file line of the step that asked for it, if a step did.</param>
public sealed record ScenarioVerdict(string Checker, string Status, string Summary, IReadOnlyList<string> Evidence,
    IReadOnlyDictionary<string, double>? Figures = null, int? Step = null);
