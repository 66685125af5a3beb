using System.Globalization;
using SanChaos.Core.Errors;

namespace SanChaos.Labs.State;

/// <summary>Collects one node's state with the read-only probe commands of commands.yaml.</summary>
internal static class NodeProbes
{
    public static async Task<StorageNodeState> StorageAsync(ProbeContext ctx, string node, bool includeLinks, CancellationToken ct)
    {
        try
        {
            var drbdOut = await ctx.ExecAsync(node, "proc_drbd", ct).ConfigureAwait(false);
            var minor = int.Parse(ctx.Values(node)["minor"], CultureInfo.InvariantCulture);
            var drbd = drbdOut.Succeeded ? ProcDrbdParser.Parse(drbdOut.StandardOutput, ctx.Catalog).Device(minor) : null;

            var hb = ClStatusParser.IsRunning(await ctx.ExecAsync(node, "hb_status", ct).ConfigureAwait(false));
            var rsc = HeartbeatResourceStatus.Unknown;
            if (hb)
            {
                var r = await ctx.ExecAsync(node, "hb_rscstatus", ct).ConfigureAwait(false);
                rsc = ClStatusParser.ParseResourceStatus(r.StandardOutput, ctx.Catalog);
            }

            var ips = IpAddrParser.Parse((await ctx.ExecAsync(node, "ip_addresses", ct).ConfigureAwait(false)).StandardOutput, ctx.Catalog);
            ctx.Values().TryGetList("floating_ips", out var fips);
            var held = fips.Select(f => f["address"]).Where(a => ips.Any(i => i.Address.Address.ToString() == a)).ToArray();

            var target = (await ctx.ExecAsync(node, "target_status", ct).ConfigureAwait(false)).Succeeded;

            var links = new Dictionary<string, string>(StringComparer.Ordinal);
            if (includeLinks && hb)
            {
                var v = ctx.Values(node);
                var names = new List<string>();
                if (v.TryGetFlag("bcast", out var b) && b) names.Add(v["bcast_interface"]);
                if (v.TryGetFlag("serial", out var s) && s) names.Add(v["serial_port"]);
                foreach (var link in names)
                {
                    var r = await ctx.ExecAsync(node, "hb_linkstatus", ct, x => x.With("link", link)).ConfigureAwait(false);
                    links[link] = ClStatusParser.ParseWord(r.StandardOutput, ctx.Catalog) ?? "?";
                }
            }

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
            var s = await ctx.ExecAsync(node, "iscsi_sessions_detail", ct).ConfigureAwait(false);
            var sessions = IscsiSessionParser.ParseDetails(s.StandardOutput, ctx.Catalog);
            var p = await ctx.ExecAsync(node, "multipath_paths", ct).ConfigureAwait(false);
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
