using SanChaos.Config.Parsing;

namespace SanChaos.Config.Heartbeat;

/// <summary>
/// <c>/etc/ha.d/authkeys</c>: <c>auth N</c> picks key N for signing; each key line is <c>N method [secret]</c> with
/// method crc (no authentication), md5 or sha1. Heartbeat refuses a file group or others may read.
/// </summary>
/// <param name="File">The file (its <see cref="ConfigFile.Mode"/> matters).</param>
/// <param name="Auth">The <c>auth N</c> line, or null.</param>
/// <param name="Keys">Key lines: key = index, values = method and secret.</param>
public sealed record AuthKeys(ConfigFile File, ConfigEntry? Auth, IReadOnlyList<ConfigEntry> Keys)
{
    /// <summary>The signing methods Heartbeat knows.</summary>
    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal) { "crc", "md5", "sha1" };

    /// <summary>The key line <c>auth</c> selects, or null.</summary>
    public ConfigEntry? ActiveKey => Auth is null ? null : Keys.LastOrDefault(k => k.Key == Auth.Value);

    /// <summary>Reads authkeys; problems Heartbeat would refuse go to <paramref name="diagnostics"/>.</summary>
    public static AuthKeys Parse(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        ConfigEntry? auth = null;
        var keys = new List<ConfigEntry>();
        foreach (var (number, content) in TextLines.Significant(file.Text))
        {
            var words = TextLines.Words(content);
            var entry = new ConfigEntry(words[0], words[1..], file.At(number));
            if (entry.Key == "auth") auth = entry;
            else if (int.TryParse(entry.Key, out var n) && n is >= 1 and <= 15)
            {
                keys.Add(entry);
                var method = entry.Values.Count > 0 ? entry.Values[0] : "";
                if (!Methods.Contains(method))
                    diagnostics.Add(new ConfigDiagnostic(entry.Location, Severity.Error, $"unknown signing method '{method}'", "crc, md5 or sha1 after the key number"));
                else if (method != "crc" && entry.Values.Count < 2)
                    diagnostics.Add(new ConfigDiagnostic(entry.Location, Severity.Error, $"{method} key {n} has no secret", $"'{n} {method} <secret>'"));
            }
            else
                diagnostics.Add(new ConfigDiagnostic(entry.Location, Severity.Error, $"'{content}' is neither 'auth N' nor a key line", "'auth N' or 'N method secret' (N from 1 to 15)"));
        }

        if (auth is null)
            diagnostics.Add(new ConfigDiagnostic(file.At(1), Severity.Error, "no 'auth N' line: Heartbeat signs with no key and refuses to start", "'auth 1' naming the key to sign with"));
        else if (!keys.Any(k => k.Key == auth.Value))
            diagnostics.Add(new ConfigDiagnostic(auth.Location, Severity.Error, $"'auth {auth.Value}' names a key that is not defined", $"a line '{auth.Value} sha1 <secret>'"));
        return new AuthKeys(file, auth, keys);
    }
}
