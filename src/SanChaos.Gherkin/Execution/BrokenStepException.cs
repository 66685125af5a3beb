namespace SanChaos.Gherkin.Execution;

/// <summary>
/// Thrown by a step that could not be carried out for a reason outside the system under test (the lab is not at its
/// baseline, an instrument is missing): the step, and the scenario, are <see cref="StepStatus.Broken"/>, not failed.
/// </summary>
public sealed class BrokenStepException(string message, string remedy, Exception? inner = null)
    : StepDefinitionException(StepStatus.Broken, message, remedy, inner);
