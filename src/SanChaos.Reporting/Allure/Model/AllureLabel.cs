namespace SanChaos.Reporting.Allure.Model;

/// <summary>A label (feature, suite, tag, host...).</summary>
internal sealed record AllureLabel(string Name, string Value);
