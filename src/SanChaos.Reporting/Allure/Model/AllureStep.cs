namespace SanChaos.Reporting.Allure.Model;

/// <summary>A step of a result (Gherkin step, checker verdict, evidence), with its own times and status.</summary>
internal sealed record AllureStep : AllureExecutable;
