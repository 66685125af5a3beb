namespace SanChaos.Labs.State;

/// <summary>Parses <c>multipathd show paths raw format "%d|%t|%T|%o|%m"</c> (fields split on <c>|</c>).</summary>
public static class MultipathdParser
{
    /// <summary>Every path line with five fields; other lines (errors, blank) are ignored.</summary>
    public static IReadOnlyList<MultipathPath> ParsePaths(string text)
    {
        var list = new List<MultipathPath>();
        foreach (var line in OutputLines.Of(text))
        {
            var f = line.Split('|');
            if (f.Length < 5) continue;
            list.Add(new MultipathPath(f[0].Trim(), f[1].Trim(), f[2].Trim(), f[3].Trim(), f[4].Trim()));
        }

        return list;
    }
}
