using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Bindings;

/// <summary>Binds a method to <c>Given</c> steps (and the And/But steps that follow them) matching a pattern.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class GivenAttribute : StepDefinitionAttribute
{
    /// <summary>Creates the binding.</summary>
    /// <param name="pattern">Regular expression for the step text, implicitly anchored with ^ and $.</param>
    public GivenAttribute(string pattern) : base(StepKeyword.Given, pattern)
    {
    }
}
