namespace SanChaos.Gherkin.Execution;

/// <summary>The record of one step, for reports.</summary>
/// <param name="Keyword">Keyword as written.</param>
/// <param name="Text">Step text.</param>
/// <param name="Line">Line in the feature file.</param>
/// <param name="Status">Outcome.</param>
/// <param name="Started">Wall-clock start (null when skipped).</param>
/// <param name="Duration">How long it ran (monotonic clock).</param>
/// <param name="Error">Error message, if it did not pass.</param>
/// <param name="Binding">The binding that ran it, if any.</param>
public sealed record StepResult(string Keyword, string Text, int Line, StepStatus Status, DateTimeOffset? Started,
    TimeSpan Duration, string? Error, string? Binding);
