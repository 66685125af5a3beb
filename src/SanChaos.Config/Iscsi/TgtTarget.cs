namespace SanChaos.Config.Iscsi;

/// <summary>
/// One <c>&lt;target NAME&gt;</c> block of tgt's configuration (<c>/etc/tgt/targets.conf</c> and <c>/etc/tgt/conf.d/*.conf</c>, read by
/// tgt-admin): who may log in. Secrets are not kept: an <c>incominguser</c> line counts by its user name only.
/// </summary>
/// <param name="Name">The target's name.</param>
/// <param name="Location">The <c>&lt;target</c> line.</param>
/// <param name="IncomingUsers">The users of its <c>incominguser</c> lines: with any, initiators must answer CHAP.</param>
/// <param name="InitiatorRules">Its <c>initiator-name</c> and <c>initiator-address</c> lines (without any, tgt-admin lets every initiator in).</param>
public sealed record TgtTarget(string Name, ConfigLocation Location, IReadOnlyList<string> IncomingUsers, int InitiatorRules)
{
    /// <summary>The targets of every tgt configuration file given, in file order.</summary>
    public static IReadOnlyList<TgtTarget> ParseAll(IEnumerable<ConfigFile> files, ICollection<ConfigDiagnostic> diagnostics)
    {
        var list = new List<TgtTarget>();
        foreach (var file in files)
        {
            (string Name, int Line, List<string> Users, int Rules)? open = null;
            var lines = file.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var t = lines[i].Trim();
                if (t.Length == 0 || t.StartsWith('#')) continue;
                if (t.StartsWith("<target ", StringComparison.OrdinalIgnoreCase) && t.EndsWith('>'))
                {
                    if (open is { } o) Unclosed(file, o.Line, diagnostics);
                    open = (t[8..^1].Trim(), i + 1, [], 0);
                }
                else if (t.Equals("</target>", StringComparison.OrdinalIgnoreCase) && open is { } o)
                {
                    list.Add(new TgtTarget(o.Name, file.At(o.Line), o.Users, o.Rules));
                    open = null;
                }
                else if (open is { } cur)
                {
                    var words = t.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    switch (words[0].ToLowerInvariant())
                    {
                        case "incominguser" when words.Length > 1: cur.Users.Add(words[1]); break;
                        case "initiator-name" or "initiator-address": open = cur with { Rules = cur.Rules + 1 }; break;
                    }
                }
            }

            if (open is { } last) Unclosed(file, last.Line, diagnostics);
        }

        return list;
    }

    private static void Unclosed(ConfigFile file, int line, ICollection<ConfigDiagnostic> diagnostics) =>
        diagnostics.Add(new ConfigDiagnostic(file.At(line), Severity.Error, "a <target> block that does not end (tgt-admin refuses the file)", "'</target>' after the target's lines"));
}
