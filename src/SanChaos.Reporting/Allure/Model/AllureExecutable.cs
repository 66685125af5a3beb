namespace SanChaos.Reporting.Allure.Model;

/// <summary>What a result and its steps have in common (Allure's ExecutableItem).</summary>
internal abstract record AllureExecutable
{
    public required string Name { get; init; }
    public required string Status { get; init; }
    public AllureStatusDetails? StatusDetails { get; init; }
    public string Stage { get; init; } = "finished";
    public required long Start { get; init; }
    public required long Stop { get; init; }
    public IReadOnlyList<AllureStep> Steps { get; init; } = [];
    public IReadOnlyList<AllureAttachment> Attachments { get; init; } = [];
    public IReadOnlyList<AllureParameter> Parameters { get; init; } = [];
}
