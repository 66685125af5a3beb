namespace SanChaos.Config.Parsing;

/// <summary><c>key = value</c> lines with '#' comment lines (iscsid.conf, iscsiadm records, sysctl output).</summary>
internal static class KeyValueLines
{
    /// <summary>One entry a line; a line without '=' is reported with <paramref name="expected"/>.</summary>
    public static IReadOnlyList<ConfigEntry> Parse(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics, string expected)
    {
        var entries = new List<ConfigEntry>();
        var lines = file.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (Entry(file, lines[i], i + 1) is { } e) entries.Add(e);
            else if (lines[i].Trim() is { Length: > 0 } t && !t.StartsWith('#'))
                diagnostics.Add(new ConfigDiagnostic(file.At(i + 1), Severity.Error, $"'{t}' has no '='", expected));
        }

        return entries;
    }

    /// <summary>The entry on one line, or null for a blank, comment or malformed line. <c>&lt;empty&gt;</c> reads as empty.</summary>
    public static ConfigEntry? Entry(ConfigFile file, string line, int number)
    {
        var t = line.Trim();
        if (t.Length == 0 || t.StartsWith('#')) return null;
        var eq = t.IndexOf('=');
        if (eq <= 0) return null;
        var value = t[(eq + 1)..].Trim();
        return new ConfigEntry(t[..eq].Trim(), value is "<empty>" or "" ? [] : [value], file.At(number));
    }
}
