namespace SanChaos.Gherkin.Model;

/// <summary>One step of a compiled scenario (Background steps first, outline placeholders substituted).</summary>
/// <param name="Keyword">The keyword as written (<c>And</c>, <c>Given</c>...).</param>
/// <param name="Kind">The effective kind (And/But resolved).</param>
/// <param name="Text">The step text after substitution.</param>
/// <param name="Line">Its line in the feature file.</param>
/// <param name="Table">Its data table, if any.</param>
/// <param name="DocString">Its doc string, if any.</param>
public sealed record ScenarioStep(string Keyword, StepKeyword Kind, string Text, int Line, DataTable? Table, string? DocString);
