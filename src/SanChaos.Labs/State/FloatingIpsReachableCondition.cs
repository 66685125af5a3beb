using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>
/// Every floating IP answers a ping from the client over the client's interface on that storage network. An address
/// that does not answer is explained in the observation: which storage nodes have it up (from <c>ip -o -4 addr</c>) and
/// what the client's ARP cache says about it, so a timeout names the broken hop (no holder, two holders, ARP
/// unanswered, a stale MAC) instead of only "no answer".
/// </summary>
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
        Dictionary<string, IReadOnlyList<InterfaceAddress>?>? addresses = null;
        foreach (var f in fips)
        {
            var itf = f["client_interface"];
            if (itf.Length == 0) { ok = false; seen.Add($"{f["address"]}: {client} has no interface on {f["network"]}"); continue; }
            var r = await ctx.ExecAsync(client, "ping_from", ct, v => v.With("interface", itf).With("address", f["address"])).ConfigureAwait(false);
            ok &= r.Succeeded;
            if (r.Succeeded)
            {
                seen.Add($"{f["address"]} via {itf} answers");
                continue;
            }

            addresses ??= await AddressesAsync(ct).ConfigureAwait(false);
            var why = await ExplainAsync(f["address"], itf, addresses, ct).ConfigureAwait(false);
            seen.Add($"{f["address"]} via {itf} no answer (exit {r.ExitCode}): {why}");
        }

        var text = string.Join("; ", seen);
        return ok ? Probe.Yes(text) : Probe.No(text);
    }

    /// <summary>Each storage node's addresses; null for a node whose <c>ip</c> could not be read.</summary>
    private async Task<Dictionary<string, IReadOnlyList<InterfaceAddress>?>> AddressesAsync(CancellationToken ct)
    {
        var all = new Dictionary<string, IReadOnlyList<InterfaceAddress>?>(StringComparer.Ordinal);
        foreach (var node in ctx.StorageNodes)
        {
            try
            {
                var r = await ctx.ExecAsync(node, "ip_addresses", ct).ConfigureAwait(false);
                all[node] = r.Succeeded ? IpAddrParser.Parse(r.StandardOutput, ctx.Catalog) : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                all[node] = null;
            }
        }

        return all;
    }

    private async Task<string> ExplainAsync(string address, string itf, Dictionary<string, IReadOnlyList<InterfaceAddress>?> addresses, CancellationToken ct)
    {
        var ip = address.Split('/')[0];
        var holders = addresses.Select(a => (Node: a.Key, On: a.Value?.FirstOrDefault(x => x.Address.Address.ToString() == ip)))
            .Where(h => h.On is not null).Select(h => $"{h.Node} {h.On!.Interface}").ToList();
        var unknown = addresses.Where(a => a.Value is null).Select(a => a.Key).ToList();
        var held = holders.Count switch
        {
            0 => "up on no storage node",
            1 => $"up on {holders[0]}",
            _ => $"up on {holders.Count} nodes ({string.Join(", ", holders)})",
        };
        if (unknown.Count > 0) held += $" ({string.Join(", ", unknown)} unreadable)";

        string arp;
        try
        {
            var r = await ctx.ExecAsync(client, "neigh_show", ct, v => v.With("interface", itf).With("address", ip)).ConfigureAwait(false);
            var line = OutputLines.Of(r.StandardOutput).FirstOrDefault()?.Trim();
            arp = !r.Succeeded ? $"{client}'s ARP cache unreadable (exit {r.ExitCode})"
                : string.IsNullOrEmpty(line) ? $"{client} has no ARP entry for it" : $"{client}'s ARP entry: {line}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            arp = $"{client}'s ARP cache unreadable ({e.Message})";
        }

        return $"{held}; {arp}";
    }
}
