namespace SanChaos.Reporting.Allure.Model;

/// <summary>A parameter; <see cref="Excluded"/> ones do not make a different test case in Allure's history.</summary>
internal sealed record AllureParameter(string Name, string Value, bool Excluded = false, string Mode = "default");
