using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>The client has a logged-in session to the target on every floating IP portal (iscsiadm -m session -P 1).</summary>
internal sealed class IscsiLoggedInCondition(ProbeContext ctx, string client) : ISteadyStateCondition
{
    public string Name => $"{client}: iSCSI sessions to {ctx.Values()["iqn"]} logged in on every portal";

    public string Remedy =>
        $"on {client}: `iscsiadm -m session -P 1`; a portal that does not log in is unreachable (ping it from the right " +
        $"interface) or the target has no portal there (`{ctx.Values()["target_portals_show"]}` on the holder).";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var r = await ctx.ExecAsync(client, "iscsi_sessions_detail", ct).ConfigureAwait(false);
        var sessions = IscsiSessionParser.ParseDetails(r.StandardOutput, ctx.Catalog);
        var iqn = ctx.Values()["iqn"];
        ctx.Values().TryGetList("floating_ips", out var fips);
        var seen = new List<string>();
        var ok = true;
        foreach (var portal in fips.Select(f => f["portal"]))
        {
            var s = sessions.FirstOrDefault(x => x.Portal == portal && x.Target == iqn);
            var good = s is not null && s.IsLoggedIn;
            ok &= good;
            seen.Add($"{portal} {(s is null ? "no session" : $"{s.SessionState ?? "?"}/{s.ConnectionState ?? "?"}")}");
        }

        var text = string.Join("; ", seen);
        return ok ? Probe.Yes(text) : Probe.No(text);
    }
}
