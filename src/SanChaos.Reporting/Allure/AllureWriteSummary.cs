namespace SanChaos.Reporting.Allure;

/// <summary>What <see cref="AllureResultsWriter"/> wrote.</summary>
/// <param name="ResultsDirectory">The allure-results folder.</param>
/// <param name="Results">Result files written (one per scenario record).</param>
/// <param name="Attachments">Attachment files written.</param>
/// <param name="Warnings">What could not be attached or drawn, and why (the results are written all the same).</param>
public sealed record AllureWriteSummary(string ResultsDirectory, int Results, int Attachments, IReadOnlyList<string> Warnings);
