using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>DRBD on both storage nodes: connected, and for the steady state UpToDate/UpToDate (from /proc/drbd).</summary>
internal sealed class DrbdCondition(ProbeContext ctx, DrbdExpectation expectation) : ISteadyStateCondition
{
    public string Name => expectation == DrbdExpectation.Connected
        ? $"DRBD {ctx.Values()["resource"]} connected on {string.Join(" and ", ctx.StorageNodes)}"
        : $"DRBD {ctx.Values()["resource"]} Connected and UpToDate/UpToDate on {string.Join(" and ", ctx.StorageNodes)}";

    public string Remedy =>
        "look at `cat /proc/drbd` on both nodes. WFConnection: the replication link or the peer is down. StandAlone after a " +
        $"split brain: on the node whose changes to discard run `drbdadm secondary {ctx.Values()["resource"]}; drbdadm connect --discard-my-data {ctx.Values()["resource"]}`, " +
        $"then `drbdadm connect {ctx.Values()["resource"]}` on the other. SyncSource/SyncTarget: resync still running (sync'ed %).";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var minor = int.Parse(ctx.Values()["minor"], System.Globalization.CultureInfo.InvariantCulture);
        var seen = new List<string>();
        var ok = true;
        foreach (var node in ctx.StorageNodes)
        {
            var r = await ctx.ExecAsync(node, "proc_drbd", ct).ConfigureAwait(false);
            var d = r.Succeeded ? ProcDrbdParser.Parse(r.StandardOutput, ctx.Catalog).Device(minor) : null;
            var good = d is not null && (expectation == DrbdExpectation.Connected
                ? d.IsConnected
                : d.ConnectionState == "Connected" && d.BothUpToDate);
            ok &= good;
            seen.Add($"{node} {(d is null ? (r.Succeeded ? $"minor {minor} not configured" : $"/proc/drbd unreadable (exit {r.ExitCode})") : d.ToString())}");
        }

        var text = string.Join("; ", seen);
        return ok ? Probe.Yes(text) : Probe.No(text);
    }
}
