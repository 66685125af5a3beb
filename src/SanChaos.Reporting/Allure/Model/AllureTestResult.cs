namespace SanChaos.Reporting.Allure.Model;

/// <summary>An Allure 2/3 <c>&lt;uuid&gt;-result.json</c> (the fields Allure's reader takes; see reports/README.md).</summary>
internal sealed record AllureTestResult : AllureExecutable
{
    public required string Uuid { get; init; }
    public required string HistoryId { get; init; }
    public required string TestCaseId { get; init; }
    public required string FullName { get; init; }
    public string? Description { get; init; }
    public string? DescriptionHtml { get; init; }
    public IReadOnlyList<AllureLabel> Labels { get; init; } = [];
    public IReadOnlyList<AllureLink> Links { get; init; } = [];
    public IReadOnlyList<string> TitlePath { get; init; } = [];
}
