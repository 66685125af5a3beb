namespace SanChaos.Config.Parsing;

/// <summary>Line splitting shared by the line-oriented parsers.</summary>
internal static class TextLines
{
    /// <summary>The lines of <paramref name="text"/> without line ends; a final line end does not start an empty line.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        if (text.Length == 0) return [];
        var lines = text.Split('\n');
        var n = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var result = new string[n];
        for (var i = 0; i < n; i++) result[i] = lines[i].TrimEnd('\r');
        return result;
    }

    /// <summary>
    /// Each line with its 1-based number and the part before <paramref name="commentChar"/> (anywhere on the line),
    /// trimmed; blank results are skipped. This is how Heartbeat reads ha.cf (comments zapped anywhere).
    /// </summary>
    public static IEnumerable<(int Number, string Content)> Significant(string text, char commentChar = '#')
    {
        var lines = Split(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf(commentChar);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length > 0) yield return (i + 1, line);
        }
    }

    /// <summary>Splits on runs of spaces and tabs.</summary>
    public static string[] Words(string line) => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
