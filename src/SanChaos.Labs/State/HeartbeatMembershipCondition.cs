using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>Heartbeat runs on both storage nodes and each sees the other as active (cl_status nodestatus).</summary>
internal sealed class HeartbeatMembershipCondition(ProbeContext ctx) : ISteadyStateCondition
{
    public string Name => $"Heartbeat running on {string.Join(" and ", ctx.StorageNodes)}, each seeing the other active";

    public string Remedy =>
        "the nodes do not hear each other: check /var/log/ha-log, `cl_status hblinkstatus <peer> <link>` for the bcast " +
        "interface and the serial port, that /etc/ha.d/authkeys is identical (mode 600) and that node names match `uname -n`.";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var seen = new List<string>();
        var ok = true;
        foreach (var node in ctx.StorageNodes)
        {
            if (!ClStatusParser.IsRunning(await ctx.ExecAsync(node, "hb_status", ct).ConfigureAwait(false)))
            {
                ok = false;
                seen.Add($"{node}: heartbeat not running");
                continue;
            }

            var peer = ctx.Values(node)["peer"];
            var r = await ctx.ExecAsync(node, "hb_nodestatus", ct).ConfigureAwait(false);
            var status = ClStatusParser.ParseWord(r.StandardOutput, ctx.Catalog) ?? $"? ({NodeProbes.FirstLine(r.StandardOutput + r.StandardError, $"exit {r.ExitCode}")})";
            ok &= status == "active";
            seen.Add($"{node} sees {peer} {status}");
        }

        var text = string.Join("; ", seen);
        return ok ? Probe.Yes(text) : Probe.No(text);
    }
}
