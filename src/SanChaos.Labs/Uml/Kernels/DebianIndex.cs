using System.Text.RegularExpressions;

namespace SanChaos.Labs.Uml.Kernels;

/// <summary>Reads Debian archive indexes: the SHA256 list of a (verified) <c>InRelease</c>, the stanzas of <c>Packages</c>.</summary>
public static partial class DebianIndex
{
    /// <summary>One package of a <c>Packages</c> index.</summary>
    /// <param name="Package">Name.</param>
    /// <param name="Version">Version.</param>
    /// <param name="Filename">Path below the mirror root.</param>
    /// <param name="Sha256">Expected SHA-256 of the .deb.</param>
    /// <param name="Size">Bytes.</param>
    public sealed record Entry(string Package, string Version, string Filename, string Sha256, long Size);

    /// <summary>The <c>SHA256:</c> section of a Release file: path → (hash, size).</summary>
    public static IReadOnlyDictionary<string, (string Sha256, long Size)> ReleaseHashes(string release)
    {
        var map = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        var inSection = false;
        foreach (var line in release.Split('\n'))
        {
            if (line.StartsWith("SHA256:", StringComparison.Ordinal)) { inSection = true; continue; }
            if (!inSection) continue;
            if (!line.StartsWith(' ')) { inSection = false; continue; }
            var m = HashLine().Match(line);
            if (m.Success) map[m.Groups[3].Value] = (m.Groups[1].Value, long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return map;
    }

    /// <summary>Every stanza of a <c>Packages</c> file that names one of <paramref name="wanted"/>.</summary>
    public static IReadOnlyList<Entry> Packages(TextReader packages, IReadOnlySet<string> wanted)
    {
        var list = new List<Entry>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? line;
        while (true)
        {
            line = packages.ReadLine();
            if (line is null || line.Length == 0)
            {
                if (fields.TryGetValue("Package", out var p) && wanted.Contains(p) && fields.TryGetValue("Filename", out var f) &&
                    fields.TryGetValue("SHA256", out var h) && fields.TryGetValue("Version", out var v))
                    list.Add(new Entry(p, v, f, h, fields.TryGetValue("Size", out var s) && long.TryParse(s, out var n) ? n : 0));
                fields.Clear();
                if (line is null) break;
                continue;
            }

            if (line[0] is ' ' or '\t') continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) fields[line[..colon]] = line[(colon + 1)..].Trim();
        }

        return list;
    }

    [GeneratedRegex(@"^\s+([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$")]
    private static partial Regex HashLine();
}
