namespace SanChaos.Reporting.Allure.Model;

/// <summary>One entry of <c>categories.json</c> (Allure 2 compatible keys, which Allure 3 reads too).</summary>
internal sealed record AllureCategory(string Name, string Description, IReadOnlyList<string> MatchedStatuses, string? MessageRegex = null, string? TraceRegex = null);
