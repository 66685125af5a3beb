using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Collects one node's state with the read-only probe commands of commands.yaml.</summary>
internal static class NodeProbes
{
    public static async Task<StorageNodeState> StorageAsync(ProbeContext ctx, string node, bool includeLinks, CancellationToken ct)
    {
        try
        {
            // One round trip per node: every probe in one batch (cl_status answers quickly when heartbeat is down).
            var v = ctx.Values(node);
            var names = new List<string>();
            if (includeLinks && v.TryGetFlag("bcast", out var b) && b) names.Add(v["bcast_interface"]);
            if (includeLinks && v.TryGetFlag("serial", out var sl) && sl) names.Add(v["serial_port"]);
            var batch = new List<(string, Func<SutValues, SutValues>?)>
                { ("proc_drbd", null), ("hb_status", null), ("hb_rscstatus", null), ("ip_addresses", null), ("target_status", null) };
            foreach (var link in names) batch.Add(("hb_linkstatus", x => x.With("link", link)));
            var r = await ctx.ExecAllAsync(node, batch, ct).ConfigureAwait(false);

            var minor = int.Parse(v["minor"], CultureInfo.InvariantCulture);
            var drbd = r[0].Succeeded ? ProcDrbdParser.Parse(r[0].StandardOutput, ctx.Catalog).Device(minor) : null;
            var hb = ClStatusParser.IsRunning(r[1]);
            var rsc = hb ? ClStatusParser.ParseResourceStatus(r[2].StandardOutput, ctx.Catalog) : HeartbeatResourceStatus.Unknown;
            var ips = IpAddrParser.Parse(r[3].StandardOutput, ctx.Catalog);
            ctx.Values().TryGetList("floating_ips", out var fips);
            var held = fips.Select(f => f["address"]).Where(a => ips.Any(i => i.Address.Address.ToString() == a)).ToArray();
            var target = r[4].Succeeded;
            var links = new Dictionary<string, string>(StringComparer.Ordinal);
            if (hb)
                for (var i = 0; i < names.Count; i++)
                    links[names[i]] = ClStatusParser.ParseWord(r[5 + i].StandardOutput, ctx.Catalog) ?? "?";

            return new StorageNodeState(node, true, null, drbd, hb, rsc, held, target, links);
        }
        catch (Exception e) when (e is SanChaosException or IOException or TimeoutException && !ct.IsCancellationRequested)
        {
            return StorageNodeState.Unreachable(node, e is SanChaosException se ? se.Problem : e.Message);
        }
    }

    public static async Task<ClientState> ClientAsync(ProbeContext ctx, string node, CancellationToken ct)
    {
        try
        {
            var r = await ctx.ExecAllAsync(node, [("iscsi_sessions_detail", null), ("multipath_paths", null)], ct).ConfigureAwait(false);
            var (s, p) = (r[0], r[1]);
            var sessions = IscsiSessionParser.ParseDetails(s.StandardOutput, ctx.Catalog);
            var paths = MultipathdParser.ParsePaths(p.StandardOutput);
            string? pathsError = p.Succeeded ? null : FirstLine(p.StandardError.Length > 0 ? p.StandardError : p.StandardOutput, $"exit {p.ExitCode}");
            return new ClientState(node, true, null, sessions, paths, pathsError);
        }
        catch (Exception e) when (e is SanChaosException or IOException or TimeoutException && !ct.IsCancellationRequested)
        {
            return ClientState.Unreachable(node, e is SanChaosException se ? se.Problem : e.Message);
        }
    }

    internal static string FirstLine(string text, string fallback) =>
        OutputLines.Of(text).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? fallback;
}
