using SanChaos.Gherkin.Execution;
using Xunit.v3;

namespace SanChaos.Gherkin.Xunit;

/// <summary>
/// A scenario that cannot run on this system (a step raised <see cref="SkippedStepException"/>): xunit reports its test
/// as skipped with the reason (the message starts with xunit's dynamic-skip token, the contract <c>Assert.Skip</c>
/// uses), so a drill a lab cannot run is neither a pass nor a failure.
/// </summary>
public sealed class ScenarioSkippedException : Exception
{
    /// <summary>Creates the exception for <paramref name="result"/>.</summary>
    /// <param name="result">The skipped scenario's record.</param>
    /// <param name="reason">Why it was skipped and what would make it run.</param>
    public ScenarioSkippedException(ScenarioResult result, string reason)
        : base(DynamicSkipToken.Value + reason) => Result = result;

    /// <summary>The skipped scenario's record.</summary>
    public ScenarioResult Result { get; }
}
