using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>Every floating IP answers a ping from the client over the client's interface on that storage network.</summary>
internal sealed class FloatingIpsReachableCondition(ProbeContext ctx, string client) : ISteadyStateCondition
{
    public string Name => $"floating IPs answer {client} on their storage networks";

    public string Remedy =>
        "check that the holder has the address up (`ip -o -4 addr show`), the storage switch passes frames and the client's " +
        "ARP cache points at the holder (`ip neigh`); IPaddr2 sends gratuitous ARP when it takes the address.";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        ctx.Values().TryGetList("floating_ips", out var fips);
        var seen = new List<string>();
        var ok = true;
        foreach (var f in fips)
        {
            var itf = f["client_interface"];
            if (itf.Length == 0) { ok = false; seen.Add($"{f["address"]}: {client} has no interface on {f["network"]}"); continue; }
            var r = await ctx.ExecAsync(client, "ping_from", ct, v => v.With("interface", itf).With("address", f["address"])).ConfigureAwait(false);
            ok &= r.Succeeded;
            seen.Add($"{f["address"]} via {itf} {(r.Succeeded ? "answers" : $"no answer (exit {r.ExitCode})")}");
        }

        var text = string.Join("; ", seen);
        return ok ? Probe.Yes(text) : Probe.No(text);
    }
}
