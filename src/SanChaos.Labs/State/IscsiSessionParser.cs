using System.Globalization;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Parses open-iscsi's session listings.</summary>
public static class IscsiSessionParser
{
    /// <summary>
    /// <c>iscsiadm -m session</c>: <c>tcp: [1] 192.168.1.1:3260,1 iqn... (non-flash)</c>. "No active sessions"
    /// (exit 21) parses as an empty list.
    /// </summary>
    public static IReadOnlyList<IscsiSession> ParseSessions(string text, CommandCatalog? catalog = null)
    {
        var p = (catalog ?? CommandCatalog.Default).Pattern("iscsi_session");
        var list = new List<IscsiSession>();
        foreach (var line in OutputLines.Of(text))
            if (p.Match(line) is { Success: true } m)
                list.Add(new IscsiSession(Int(m, "sid"), m.Groups["target"].Value, m.Groups["address"].Value, Int(m, "port"), Int(m, "tpgt"),
                    m.Groups["transport"].Value, null, null));
        return list;
    }

    /// <summary><c>iscsiadm -m session -P 1</c>: the tree with Target, Current Portal, SID and the states.</summary>
    public static IReadOnlyList<IscsiSession> ParseDetails(string text, CommandCatalog? catalog = null)
    {
        catalog ??= CommandCatalog.Default;
        var target = catalog.Pattern("iscsi_detail_target");
        var portal = catalog.Pattern("iscsi_detail_portal");
        var sid = catalog.Pattern("iscsi_detail_sid");
        var conn = catalog.Pattern("iscsi_detail_connection_state");
        var sess = catalog.Pattern("iscsi_detail_session_state");
        var list = new List<IscsiSession>();
        string? currentTarget = null, address = null;
        int port = 0, tpgt = 0;
        foreach (var line in OutputLines.Of(text))
        {
            if (target.Match(line) is { Success: true } t) { currentTarget = t.Groups["target"].Value; continue; }
            if (portal.Match(line) is { Success: true } p)
            {
                address = p.Groups["address"].Value;
                port = Int(p, "port");
                tpgt = Int(p, "tpgt");
                continue;
            }

            if (sid.Match(line) is { Success: true } s && currentTarget is not null && address is not null)
            {
                list.Add(new IscsiSession(Int(s, "sid"), currentTarget, address, port, tpgt, null, null, null));
                continue;
            }

            if (list.Count == 0) continue;
            if (conn.Match(line) is { Success: true } c) list[^1] = list[^1] with { ConnectionState = c.Groups["state"].Value };
            else if (sess.Match(line) is { Success: true } ss) list[^1] = list[^1] with { SessionState = ss.Groups["state"].Value };
        }

        return list;
    }

    private static int Int(System.Text.RegularExpressions.Match m, string g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
}
