namespace SanChaos.Reporting.Allure.Model;

/// <summary>An Allure 2/3 <c>&lt;uuid&gt;-result.json</c> (the fields Allure's reader takes; see reports/README.md).</summary>
internal sealed record AllureTestResult
{
    public required string Uuid { get; init; }
    public required string HistoryId { get; init; }
    public required string TestCaseId { get; init; }
    public required string Name { get; init; }
    public required string FullName { get; init; }
    public string? Description { get; init; }
    public string? DescriptionHtml { get; init; }
    public required string Status { get; init; }
    public AllureStatusDetails? StatusDetails { get; init; }
    public string Stage { get; init; } = "finished";
    public required long Start { get; init; }
    public required long Stop { get; init; }
    public IReadOnlyList<AllureStep> Steps { get; init; } = [];
    public IReadOnlyList<AllureAttachment> Attachments { get; init; } = [];
    public IReadOnlyList<AllureParameter> Parameters { get; init; } = [];
    public IReadOnlyList<AllureLabel> Labels { get; init; } = [];
    public IReadOnlyList<AllureLink> Links { get; init; } = [];
    public IReadOnlyList<string> TitlePath { get; init; } = [];
}
