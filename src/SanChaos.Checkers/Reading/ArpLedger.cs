namespace SanChaos.Checkers.Reading;

/// <summary>
/// Who holds each floating IP on each network by the ARP traffic: the holder is the MAC that announced it last (or
/// claimed it first). A claim (announcement or reply) by another MAC is a legitimate move when that MAC's node added
/// the address (<c>ip.added</c>) since the holder's claim; otherwise two MACs claim the address at once.
/// </summary>
internal static class ArpLedger
{
    /// <summary>How far a node's <c>ip.added</c> (node clock, corrected) and the capture's timestamps may disagree.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Every conflicting claim in <paramref name="claims"/> (time order), judged with the nodes' reports in <paramref name="nodes"/>.</summary>
    public static IReadOnlyList<ArpConflict> Conflicts(IReadOnlyList<ArpClaimEvent> claims, StorageTimeline nodes)
    {
        var conflicts = new List<ArpConflict>();
        foreach (var group in claims.GroupBy(c => (c.Ip, c.Network)))
        {
            ArpClaimEvent? holder = null;
            foreach (var c in group)
            {
                if (holder is null || c.Mac == holder.Mac)
                {
                    holder ??= c;
                    if (c.Announcement && !holder.Announcement) holder = c;
                    continue;
                }

                var storage = c.Node is { } n && nodes.Nodes.Contains(n);
                if (storage && nodes.AddedBetween(c.Node!, c.Ip, holder.At - ClockTolerance, c.At + ClockTolerance) is not null)
                {
                    holder = c;
                    continue;
                }

                var ambiguous = storage && nodes.UnknownDuring(c.Node!, holder.At, c.At);
                conflicts.Add(new ArpConflict(holder, c, ambiguous));
                if (ambiguous && c.Announcement) holder = c;
            }
        }

        return conflicts.OrderBy(c => c.Claim.At).ToArray();
    }
}
