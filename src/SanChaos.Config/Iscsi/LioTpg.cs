using System.Globalization;

namespace SanChaos.Config.Iscsi;

/// <summary>
/// One LIO target portal group as found in configfs on a node (<c>lio-tpg.txt</c>, see <see cref="Sources.ConfigLayout"/>: a line
/// <c>&lt;iqn&gt;/tpgt_&lt;n&gt; authentication=0 generate_node_acls=1 acls=0 enable=1</c> per portal group). Only the node that
/// holds the resource group has one.
/// </summary>
/// <param name="Target">The target's name.</param>
/// <param name="Group">The portal group (<c>tpgt_1</c>).</param>
/// <param name="Authentication">attrib/authentication: CHAP required of every initiator.</param>
/// <param name="GenerateNodeAcls">attrib/generate_node_acls: demo mode, any initiator name gets an ACL.</param>
/// <param name="Acls">Static ACLs (initiator names) under acls/.</param>
/// <param name="Enabled">enable: the portal group takes logins.</param>
/// <param name="Location">Its line.</param>
public sealed record LioTpg(string Target, string Group, bool Authentication, bool GenerateNodeAcls, int Acls, bool Enabled, ConfigLocation Location)
{
    /// <summary>Reads every line; a line that is not of that form is a diagnostic.</summary>
    public static IReadOnlyList<LioTpg> ParseAll(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var list = new List<LioTpg>();
        var lines = file.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var words = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            var slash = words[0].LastIndexOf('/');
            var values = words.Skip(1).Select(w => w.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            if (slash <= 0 || !values.TryGetValue("authentication", out var auth) || !values.TryGetValue("generate_node_acls", out var demo))
            {
                diagnostics.Add(new ConfigDiagnostic(file.At(i + 1), Severity.Warning, $"'{lines[i].Trim()}' is not a portal group line",
                    "'<iqn>/tpgt_<n> authentication=<0|1> generate_node_acls=<0|1> acls=<n> enable=<0|1>'"));
                continue;
            }

            list.Add(new LioTpg(words[0][..slash], words[0][(slash + 1)..], auth == "1", demo == "1",
                int.TryParse(values.GetValueOrDefault("acls"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0,
                values.GetValueOrDefault("enable") == "1", file.At(i + 1)));
        }

        return list;
    }
}
