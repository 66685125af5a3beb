namespace SanChaos.Checkers.Reading;

/// <summary>A storage node at one moment: how much is known, what it reported last, and why (for evidence).</summary>
/// <param name="Node">The node.</param>
/// <param name="Presence">Observed, off, booting or unknown.</param>
/// <param name="State">Its last report while observed; null otherwise.</param>
/// <param name="Why">Why it is off, booting or unknown (empty while observed).</param>
internal readonly record struct NodeAt(string Node, Presence Presence, NodeSnapshot? State, string Why)
{
    /// <summary>True when it may be DRBD Primary (observed Primary, or unknown).</summary>
    public bool MaybePrimary => Presence == Presence.Unknown || State?.Primary == true;

    /// <summary>True when it reported itself Primary.</summary>
    public bool IsPrimary => State?.Primary == true;

    /// <summary>True when it reported itself connected to its peer.</summary>
    public bool IsConnected => State?.Connected == true;

    /// <summary>True when it reported holding <paramref name="ip"/>.</summary>
    public bool Holds(string ip) => State?.Ips.Contains(ip) == true;

    /// <summary><c>weasel: Primary, cs StandAlone, IPs none</c>, <c>weasel: powered off (...)</c>, <c>weasel: unknown (...)</c>.</summary>
    public override string ToString() => Presence switch
    {
        Presence.Observed => $"{Node}: {State!.Describe()}",
        Presence.Off => $"{Node}: powered off ({Why})",
        Presence.Booting => $"{Node}: booting ({Why})",
        _ => $"{Node}: unknown ({Why})",
    };
}
