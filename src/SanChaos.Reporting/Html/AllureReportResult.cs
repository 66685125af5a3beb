namespace SanChaos.Reporting.Html;

/// <summary>What <see cref="AllureReport.GenerateAsync"/> produced.</summary>
/// <param name="ReportDirectory">The report folder (open its index.html, served over HTTP unless single-file).</param>
/// <param name="HistoryFile">The updated history file inside it.</param>
/// <param name="Allure">The allure executable used.</param>
/// <param name="Output">What the generator printed.</param>
public sealed record AllureReportResult(string ReportDirectory, string HistoryFile, string Allure, string Output);
