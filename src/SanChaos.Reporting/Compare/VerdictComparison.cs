namespace SanChaos.Reporting.Compare;

/// <summary>A checker's verdict before and after (<c>valid</c>, <c>invalid</c>, <c>unknown</c>; null when the run had none).</summary>
/// <param name="Checker">The checker.</param>
/// <param name="Baseline">Its verdict in the baseline run.</param>
/// <param name="Candidate">Its verdict in the candidate run.</param>
/// <param name="CandidateSummary">The candidate's one-line summary.</param>
/// <param name="Regression">Valid before, not valid after.</param>
public sealed record VerdictComparison(string Checker, string? Baseline, string? Candidate, string? CandidateSummary, bool Regression);
