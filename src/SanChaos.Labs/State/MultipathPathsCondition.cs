using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>The client's multipath map has one active (dm active, checker ready) path per floating IP.</summary>
internal sealed class MultipathPathsCondition(ProbeContext ctx, string client) : ISteadyStateCondition
{
    private string Alias => ctx.Values()["alias"];

    private int Expected => ctx.Values().TryGetList("floating_ips", out var f) ? f.Count : 0;

    public string Name => $"{client}: multipath map {Alias} with {Expected} active paths";

    public string Remedy =>
        $"on {client}: `multipath -ll` and `iscsiadm -m session -P 1`. No map: the WWID in /etc/multipath.conf does not " +
        "match the LUN (`/lib/udev/scsi_id -g -u -d /dev/sdX`) or multipathd is not running. Faulty paths: the portal is " +
        "unreachable or the target is down on the holder.";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var r = await ctx.ExecAsync(client, "multipath_paths", ct).ConfigureAwait(false);
        if (!r.Succeeded)
            return Probe.No($"multipathd cannot list paths (exit {r.ExitCode}): {NodeProbes.FirstLine(r.StandardError + r.StandardOutput, "no output")}");
        var all = MultipathdParser.ParsePaths(r.StandardOutput);
        var mine = all.Where(p => p.Map == Alias).ToArray();
        var active = mine.Count(p => p.IsActive);
        var text = mine.Length == 0
            ? $"no {Alias} map; paths: {(all.Count == 0 ? "none" : string.Join(", ", all.Select(p => $"{p} ({p.Map})")))}"
            : $"{Alias}: {string.Join(", ", mine.Select(p => p.ToString()))} ({active}/{Expected} active)";
        return active >= Expected && Expected > 0 ? Probe.Yes(text) : Probe.No(text);
    }
}
