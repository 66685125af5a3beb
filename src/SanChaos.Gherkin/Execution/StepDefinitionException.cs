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

    /// <summary><see cref="StepStatus.Undefined"/>, <see cref="StepStatus.Ambiguous"/> or <see cref="StepStatus.Failed"/>.</summary>
    public StepStatus Status { get; }
}
