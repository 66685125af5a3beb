namespace SanChaos.Reporting.Allure.Model;

/// <summary>Why a result or step did not pass: the message shown first, and the full text.</summary>
internal sealed record AllureStatusDetails(string? Message, string? Trace, bool Known = false, bool Muted = false, bool Flaky = false);
