using SanChaos.Core.Errors;

namespace SanChaos.Gherkin.Execution;

/// <summary>
/// A step could not be run as written: no binding, several bindings, an argument that does not convert, a
/// binding whose parameters do not fit the step. The message names the feature file and line.
/// </summary>
public class StepDefinitionException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    public StepDefinitionException(StepStatus status, string message, string remedy, Exception? inner = null)
        : base(message, remedy, inner) => Status = status;

    /// <summary>
    /// <see cref="StepStatus.Undefined"/>, <see cref="StepStatus.Ambiguous"/>, <see cref="StepStatus.Failed"/>,
    /// <see cref="StepStatus.Broken"/> (<see cref="BrokenStepException"/>) or <see cref="StepStatus.Skipped"/>
    /// (<see cref="SkippedStepException"/>).
    /// </summary>
    public StepStatus Status { get; }
}
