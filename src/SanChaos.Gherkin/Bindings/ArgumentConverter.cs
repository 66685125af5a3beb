using System.Globalization;
using System.Reflection;
using SanChaos.Core.Time;

namespace SanChaos.Gherkin.Bindings;

/// <summary>
/// Converts captured step text to parameter types: string, int, long, double, decimal, bool, enums
/// (case and dashes ignored: <c>kill-primary</c> → <c>KillPrimary</c>), <see cref="TimeSpan"/> written
/// like <c>10 s</c>, <c>500 ms</c>, <c>2 min</c>, nullable forms of these, and any type with a
/// <see cref="StepArgumentConverterAttribute"/> converter.
/// </summary>
public sealed class ArgumentConverter
{
    private readonly Dictionary<Type, MethodInfo> _custom;

    /// <summary>Creates a converter with custom converter methods.</summary>
    public ArgumentConverter(IEnumerable<MethodInfo> customConverters) =>
        _custom = customConverters.Where(m => m.GetParameters() is [{ ParameterType: var p }] && p == typeof(string))
            .GroupBy(m => m.ReturnType).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Converts <paramref name="text"/>; throws <see cref="FormatException"/> saying what is accepted.</summary>
    public object? Convert(string text, Type type)
    {
        if (_custom.TryGetValue(type, out var custom))
        {
            try
            {
                return custom.Invoke(null, [text]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new FormatException(e.InnerException.Message, e.InnerException);
            }
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return string.IsNullOrEmpty(text) ? null : Convert(text, underlying);
        if (type == typeof(string)) return text;
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, inv, out var i)) return i;
        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, inv, out var l)) return l;
        if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, inv, out var d)) return d;
        if (type == typeof(decimal) && decimal.TryParse(text, NumberStyles.Number, inv, out var m)) return m;
        if (type == typeof(bool))
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
            }
        }

        if (type == typeof(TimeSpan) && Durations.TryParse(text, out var t)) return t;
        if (type.IsEnum)
        {
            var norm = Normalize(text);
            foreach (var name in Enum.GetNames(type))
                if (Normalize(name) == norm) return Enum.Parse(type, name);
        }

        throw new FormatException($"'{text}' is not {Expected(type)}.");
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for messages.</summary>
    public string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long)) return "a whole number (e.g. 3)";
        if (type == typeof(double) || type == typeof(decimal)) return "a number (e.g. 2.5)";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(TimeSpan)) return $"a duration: {Durations.Forms}";
        if (type.IsEnum) return $"one of: {string.Join(", ", Enum.GetNames(type).Select(Kebab))}";
        return $"a {type.Name}";
    }

    private static string Normalize(string s) => new string(s.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
