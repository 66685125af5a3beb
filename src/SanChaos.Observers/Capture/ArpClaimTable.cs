using System.Net;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Who announced which address, when: every gratuitous ARP seen, per IP and network, in capture order. Thread-safe;
/// the captures of all networks add to one table.
/// </summary>
public sealed class ArpClaimTable
{
    private readonly Lock _gate = new();
    private readonly List<ArpClaim> _claims = [];

    /// <summary>Records <paramref name="frame"/> when it is gratuitous; returns the claim, or null for any other frame.</summary>
    /// <param name="frame">A decoded frame.</param>
    /// <param name="macs">Resolves the announcing MAC to a node.</param>
    public ArpClaim? Add(ArpFrame frame, MacDirectory macs)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(macs);
        if (!frame.IsGratuitous) return null;
        var claim = new ArpClaim(frame.Time, frame.Network, frame.SenderIp, frame.SenderMac, macs.NodeOf(frame.SenderMac), frame.Form);
        lock (_gate) _claims.Add(claim);
        return claim;
    }

    /// <summary>Every claim, in time order.</summary>
    public IReadOnlyList<ArpClaim> All
    {
        get { lock (_gate) return [.. _claims.OrderBy(c => c.Time)]; }
    }

    /// <summary>The claims of <paramref name="ip"/>, on <paramref name="network"/> or on every network (null), in time order.</summary>
    public IReadOnlyList<ArpClaim> For(IPAddress ip, string? network = null)
    {
        ArgumentNullException.ThrowIfNull(ip);
        lock (_gate) return [.. _claims.Where(c => c.Ip.Equals(ip) && (network is null || c.Network == network)).OrderBy(c => c.Time)];
    }

    /// <summary>
    /// The first claim of <paramref name="ip"/> strictly after <paramref name="after"/> (on <paramref name="network"/>,
    /// or any network when null), or null when there was none: "when did the new owner announce itself after the fault".
    /// </summary>
    public ArpClaim? FirstAfter(IPAddress ip, DateTimeOffset after, string? network = null) =>
        For(ip, network).FirstOrDefault(c => c.Time > after);

    /// <summary>The last claim of <paramref name="ip"/> at or before <paramref name="at"/>: who had announced it last then.</summary>
    public ArpClaim? LastAtOrBefore(IPAddress ip, DateTimeOffset at, string? network = null) =>
        For(ip, network).LastOrDefault(c => c.Time <= at);

    /// <summary>The table as text, one claim a line (for reports and failure messages).</summary>
    public override string ToString() => string.Join(Environment.NewLine, All);
}
