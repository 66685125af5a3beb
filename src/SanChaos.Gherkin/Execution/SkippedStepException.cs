namespace SanChaos.Gherkin.Execution;

/// <summary>
/// The step cannot run on this system at all (the lab lacks what it needs: a serial relay, cable control, a PDU
/// outlet): the step, and the scenario, are <see cref="StepStatus.Skipped"/> with the reason, never failed or passed. The
/// steps after it are skipped; the test host reports the scenario as skipped (xunit's <c>Assert.Skip</c>).
/// </summary>
/// <param name="message">Why it cannot run here, naming the lab and what it lacks.</param>
/// <param name="remedy">What would make it run (a lab with the capability, or the inventory change).</param>
/// <param name="inner">The refusal, if any.</param>
public sealed class SkippedStepException(string message, string remedy, Exception? inner = null)
    : StepDefinitionException(StepStatus.Skipped, message, remedy, inner);
