using System.Globalization;
using System.Text;

namespace SanChaos.Labs.State;

/// <summary>Renders a <see cref="ClusterState"/> as plain fixed-width tables.</summary>
public static class ClusterStateTable
{
    /// <summary>The cluster as `sanchaos lab status` prints it: storage nodes, then clients.</summary>
    public static string Render(ClusterState s)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Lab {s.Lab} at {s.TakenAt:yyyy-MM-dd HH:mm:ss}Z");
        var holders = s.Holders;
        sb.Append(holders.Count switch
        {
            0 => " - no node holds the resource group",
            1 => $" - resource group on {holders[0]}",
            _ => $" - SPLIT BRAIN: {string.Join(" and ", holders)} both hold resources",
        });
        sb.Append('\n').Append('\n');

        var storageRows = s.StorageNodes.Select(n => n.Reachable
            ? new[]
            {
                n.Name, "up", n.HeartbeatRunning ? "running" : "stopped", n.ResourceStatus.ToString().ToLowerInvariant(),
                n.Drbd is null ? "down" : n.Drbd.IsConfigured ? $"{n.Drbd.Role}/{n.Drbd.PeerRole}" : "unconfigured",
                n.Drbd?.ConnectionState ?? "-", n.Drbd?.DiskState is null ? "-" : $"{n.Drbd.DiskState}/{n.Drbd.PeerDiskState}",
                n.FloatingIps.Count == 0 ? "-" : string.Join(" ", n.FloatingIps), n.TargetRunning ? "enabled" : "-",
                n.Links.Count == 0 ? "-" : string.Join(" ", n.Links.Select(l => $"{l.Key}:{l.Value}")),
            }
            : [n.Name, "DOWN", "-", "-", "-", "-", "-", "-", "-", n.Error ?? ""]).ToList();
        Table(sb, ["STORAGE", "REACH", "HEARTBEAT", "RSC", "DRBD ROLE", "CSTATE", "DSTATE", "FLOATING IPS", "TARGET", "HB LINKS"], storageRows);

        if (s.Clients.Count > 0)
        {
            sb.Append('\n');
            var clientRows = s.Clients.Select(c => c.Reachable
                ? new[]
                {
                    c.Name, "up",
                    c.Sessions.Count == 0 ? "-" : string.Join(" ", c.Sessions.Select(x => $"{x.Portal}={x.SessionState ?? "?"}")),
                    c.PathsError is not null ? $"multipathd: {c.PathsError}"
                        : c.PathsOf(s.MapAlias) is { Count: > 0 } p ? $"{s.MapAlias}: {string.Join(" ", p.Select(x => $"{x.Device}={x.DmState}/{x.CheckerState}"))}"
                        : $"no {s.MapAlias} map",
                }
                : [c.Name, "DOWN", "-", c.Error ?? ""]).ToList();
            Table(sb, ["CLIENT", "REACH", "ISCSI SESSIONS", "MULTIPATH"], clientRows);
        }

        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string[] header, List<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var r in all)
            sb.Append(string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd()).Append('\n');
    }
}
