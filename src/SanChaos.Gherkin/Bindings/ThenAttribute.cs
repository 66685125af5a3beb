using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Bindings;

/// <summary>Binds a method to <c>Then</c> steps (and the And/But steps that follow them) matching a pattern.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ThenAttribute : StepDefinitionAttribute
{
    /// <summary>Creates the binding.</summary>
    /// <param name="pattern">Regular expression for the step text, implicitly anchored with ^ and $.</param>
    public ThenAttribute(string pattern) : base(StepKeyword.Then, pattern)
    {
    }
}
