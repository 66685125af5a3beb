namespace SanChaos.Checkers.Reading;

/// <summary>A claim of an address by one MAC while another MAC held it.</summary>
/// <param name="Holder">The claim that made the other MAC the holder (its announcement, or its first claim seen).</param>
/// <param name="Claim">The conflicting claim.</param>
/// <param name="Ambiguous">True when the claimant's node was not observed in between: it may have taken the address over unseen.</param>
internal sealed record ArpConflict(ArpClaimEvent Holder, ArpClaimEvent Claim, bool Ambiguous)
{
    /// <summary><c>weasel (52:54:00:02:02:01) ARP reply for 192.168.1.1 on storage-a 12.5 s after otter (...) announced it at 15:38:28.741</c>.</summary>
    public override string ToString() =>
        $"{Claim.Who} {Claim.What} for {Claim.Ip} on {Claim.Network} {EventData.Span(Claim.At - Holder.At)} after {Holder.Who} " +
        $"{(Holder.Announcement ? "announced" : "claimed")} it at {EventData.Clock(Holder.At)}" +
        (Ambiguous ? $", while {Claim.Node} was not observed (it may have taken the address over unseen)" : ", without having taken the address over");
}
