using SanChaos.Config.Parsing;

namespace SanChaos.Config.Heartbeat;

/// <summary>
/// <c>/etc/ha.d/haresources</c> (Heartbeat v1): one resource group a line, the first word the preferred node, a line
/// continued when its very last character is '\' (Heartbeat checks the character before the newline, so a space
/// after the backslash ends the group). Lines whose first non-blank character is '#' are comments.
/// </summary>
/// <param name="File">The file.</param>
/// <param name="Groups">The groups in file order.</param>
public sealed record HaResources(ConfigFile File, IReadOnlyList<ResourceGroup> Groups)
{
    /// <summary>The groups as Heartbeat reads them, normalised (one line a group, single spaces): equal on both nodes or not.</summary>
    public string Normalized => string.Join("\n", Groups.Select(g => string.Join(" ", new[] { g.Node }.Concat(g.Resources.Select(r => r.Text)))));

    /// <summary>Reads haresources; a continuation that Heartbeat would not follow goes to <paramref name="diagnostics"/>.</summary>
    public static HaResources Parse(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var lines = file.Lines;
        var groups = new List<ResourceGroup>();
        var words = new List<(string Word, int Line)>();
        var start = 0;
        var previousGroupEnd = -10;
        var continuing = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var number = i + 1;
            var raw = lines[i];
            var trimmed = raw.Trim();
            if (!continuing && (trimmed.Length == 0 || trimmed.StartsWith('#'))) continue;
            if (!continuing) start = number;
            continuing = raw.EndsWith('\\');
            var content = continuing ? raw[..^1] : raw;
            if (!continuing && raw.TrimEnd().EndsWith('\\'))
                diagnostics.Add(new ConfigDiagnostic(file.At(number), Severity.Error,
                    "blanks after the final '\\': Heartbeat ends the group on this line", "'\\' as the very last character of the line"));
            foreach (var w in TextLines.Words(content))
                if (w != "\\") words.Add((w, number));
            if (continuing && i == lines.Count - 1)
                diagnostics.Add(new ConfigDiagnostic(file.At(number), Severity.Error, "the last line ends with '\\' but no line follows",
                    "the group's next resource on the following line, or no '\\'"));
            if (continuing && i < lines.Count - 1) continue;
            if (words.Count > 0)
            {
                var resources = words.Skip(1).Select(w => Resource(file, w.Word, w.Line)).ToArray();
                groups.Add(new ResourceGroup(words[0].Word, file.At(start), number, resources, previousGroupEnd == start - 1));
                previousGroupEnd = number;
            }

            words.Clear();
            continuing = false;
        }

        return new HaResources(file, groups);
    }

    private static HaResource Resource(ConfigFile file, string word, int line)
    {
        var parts = word.Split("::");
        return new HaResource(parts[0], parts[1..], word, file.At(line));
    }
}
