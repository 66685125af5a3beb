namespace SanChaos.Reporting.Compare;

/// <summary>One scenario (matched by feature file, name and Examples values) in both runs.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Name">Scenario name.</param>
/// <param name="HistoryId">The id it is matched by (Allure's historyId).</param>
/// <param name="BaselineStatus">Its Allure status in the baseline (passed, failed, broken, skipped), null when missing there.</param>
/// <param name="CandidateStatus">Its Allure status in the candidate, null when missing there.</param>
/// <param name="Figures">Each figure before and after.</param>
/// <param name="Verdicts">Each checker's verdict before and after.</param>
/// <param name="Outcome">The scenario's verdict.</param>
/// <param name="BaselineClass">Its outcome class in the baseline (<c>expected finding</c>, ...), null when missing there.</param>
/// <param name="CandidateClass">Its outcome class in the candidate, null when missing there.</param>
public sealed record ScenarioComparison(string Feature, string Name, string HistoryId, string? BaselineStatus, string? CandidateStatus,
    IReadOnlyList<FigureComparison> Figures, IReadOnlyList<VerdictComparison> Verdicts, ComparisonOutcome Outcome,
    string? BaselineClass = null, string? CandidateClass = null);
