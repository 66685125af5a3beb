using System.Reflection;
using System.Text.RegularExpressions;
using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Bindings;

/// <summary>The step definitions, hooks and converters found in a set of assemblies.</summary>
public sealed class BindingRegistry
{
    private BindingRegistry(IReadOnlyList<StepBinding> steps, IReadOnlyList<MethodInfo> before, IReadOnlyList<MethodInfo> after,
        ArgumentConverter converter)
    {
        Steps = steps;
        BeforeScenario = before;
        AfterScenario = after;
        Converter = converter;
    }

    /// <summary>Every step definition.</summary>
    public IReadOnlyList<StepBinding> Steps { get; }

    /// <summary>Before-scenario hooks.</summary>
    public IReadOnlyList<MethodInfo> BeforeScenario { get; }

    /// <summary>After-scenario hooks.</summary>
    public IReadOnlyList<MethodInfo> AfterScenario { get; }

    /// <summary>Argument conversion, custom converters included.</summary>
    public ArgumentConverter Converter { get; }

    /// <summary>Scans <paramref name="assemblies"/> for classes marked <see cref="BindingAttribute"/>.</summary>
    public static BindingRegistry FromAssemblies(params Assembly[] assemblies) =>
        FromTypes(assemblies.Distinct().SelectMany(SafeTypes).Where(t => t.GetCustomAttribute<BindingAttribute>() is not null));

    /// <summary>Builds a registry from explicit binding classes (tests use this).</summary>
    public static BindingRegistry FromTypes(IEnumerable<Type> bindingTypes)
    {
        var steps = new List<StepBinding>();
        var before = new List<MethodInfo>();
        var after = new List<MethodInfo>();
        var converters = new List<MethodInfo>();
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in bindingTypes.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var m in type.GetMethods(flags))
            {
                foreach (var a in m.GetCustomAttributes<StepDefinitionAttribute>())
                {
                    var pattern = a.Pattern;
                    var anchored = (pattern.StartsWith('^') ? "" : "^") + pattern + (pattern.EndsWith('$') ? "" : "$");
                    steps.Add(new StepBinding(m, a.Keyword, pattern, new Regex(anchored, RegexOptions.CultureInvariant)));
                }

                if (m.GetCustomAttribute<BeforeScenarioAttribute>() is not null) before.Add(m);
                if (m.GetCustomAttribute<AfterScenarioAttribute>() is not null) after.Add(m);
                if (m.IsStatic && m.GetCustomAttribute<StepArgumentConverterAttribute>() is not null) converters.Add(m);
            }
        }

        return new BindingRegistry(steps, before, after, new ArgumentConverter(converters));
    }

    /// <summary>The bindings whose kind and pattern match <paramref name="step"/>.</summary>
    public IReadOnlyList<(StepBinding Binding, Match Match)> Match(ScenarioStep step) =>
        Steps.Where(b => b.Keyword == step.Kind)
            .Select(b => (b, m: b.Regex.Match(step.Text)))
            .Where(x => x.m.Success)
            .Select(x => (x.b, x.m))
            .ToArray();

    private static IEnumerable<Type> SafeTypes(Assembly a)
    {
        try
        {
            return a.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
