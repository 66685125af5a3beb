using System.Reflection;
using System.Text.RegularExpressions;
using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Bindings;

/// <summary>One step definition: a method, its kind and its compiled pattern.</summary>
/// <param name="Method">The bound method.</param>
/// <param name="Keyword">Given, When or Then.</param>
/// <param name="Pattern">The pattern as written.</param>
/// <param name="Regex">The anchored, compiled pattern.</param>
public sealed record StepBinding(MethodInfo Method, StepKeyword Keyword, string Pattern, Regex Regex)
{
    /// <summary>How the binding is named in messages: <c>[When("pattern")] Class.Method</c>.</summary>
    public string Describe() => $"[{Keyword}(@\"{Pattern}\")] {Method.DeclaringType?.Name}.{Method.Name}";
}
