namespace SanChaos.Reporting.Allure.Model;

/// <summary><c>executor.json</c>: who ran the drills, and which run this is.</summary>
internal sealed record AllureExecutor(string Name, string Type, string BuildName, string ReportName, long? BuildOrder = null, string? BuildUrl = null, string? Url = null);
