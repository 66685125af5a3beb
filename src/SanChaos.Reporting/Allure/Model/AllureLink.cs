namespace SanChaos.Reporting.Allure.Model;

/// <summary>A link shown with a result.</summary>
internal sealed record AllureLink(string Name, string Url, string Type = "link");
