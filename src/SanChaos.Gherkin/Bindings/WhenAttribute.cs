using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Bindings;

/// <summary>Binds a method to <c>When</c> steps (and the And/But steps that follow them) matching a pattern.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class WhenAttribute : StepDefinitionAttribute
{
    /// <summary>Creates the binding.</summary>
    /// <param name="pattern">Regular expression for the step text, implicitly anchored with ^ and $.</param>
    public WhenAttribute(string pattern) : base(StepKeyword.When, pattern)
    {
    }
}
