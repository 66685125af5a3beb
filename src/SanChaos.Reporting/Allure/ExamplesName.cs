namespace SanChaos.Reporting.Allure;

/// <summary>
/// An Examples row's scenario name as the runner writes it, <c>Name (header: value, header: value)</c>, split into
/// the name and the row's values. A name without such a suffix has no values.
/// </summary>
internal static class ExamplesName
{
    public static (string BaseName, IReadOnlyList<KeyValuePair<string, string>> Values) Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var open = name.LastIndexOf(" (", StringComparison.Ordinal);
        if (!name.EndsWith(')') || open <= 0) return (name, []);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var part in name[(open + 2)..^1].Split(", "))
        {
            var colon = part.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0) return (name, []);
            values.Add(new(part[..colon], part[(colon + 2)..]));
        }

        return (name[..open], values);
    }
}
