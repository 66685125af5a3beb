using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Bindings;

/// <summary>
/// Binds a method to steps whose text matches <see cref="Pattern"/> (a .NET regular expression, anchored at
/// both ends). Capture groups become the method's parameters, in order, converted to their types; a
/// trailing <see cref="DataTable"/> or <c>string</c> parameter receives the step's table or doc string; a
/// <see cref="CancellationToken"/> parameter receives the scenario's token. Methods may be async.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StepDefinitionAttribute : Attribute
{
    /// <summary>Creates the binding.</summary>
    protected StepDefinitionAttribute(StepKeyword keyword, string pattern)
    {
        Keyword = keyword;
        Pattern = pattern;
    }

    /// <summary>The kind of step this binds (And/But take their predecessor's kind).</summary>
    public StepKeyword Keyword { get; }

    /// <summary>The regular expression the step text must match in full.</summary>
    public string Pattern { get; }
}
