namespace SanChaos.Gherkin.Execution;

/// <summary>The outcome of a deferred check (<see cref="ScenarioContext.DeferCheck"/>).</summary>
/// <param name="Status">Passed, Failed (the system under test misbehaved) or Broken (could not be decided).</param>
/// <param name="Message">What was found (shown as the step's error when it did not pass).</param>
public sealed record CheckOutcome(StepStatus Status, string? Message = null);
