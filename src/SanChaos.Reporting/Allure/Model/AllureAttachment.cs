namespace SanChaos.Reporting.Allure.Model;

/// <summary>An attachment: its title, the file's name in the results folder, its MIME type.</summary>
internal sealed record AllureAttachment(string Name, string Source, string Type);
