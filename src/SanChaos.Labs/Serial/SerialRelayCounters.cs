namespace SanChaos.Labs.Serial;

/// <summary>
/// What a serial relay did with the bytes it carried, per direction (A→B is from end A's node to end B's node). A
/// snapshot: read the relay's counters again for newer numbers; <see cref="Since"/> gives the change between two.
/// </summary>
/// <param name="EndA">Name of end A (e.g. otter).</param>
/// <param name="EndB">Name of end B (e.g. weasel).</param>
/// <param name="AToB">From A's node to B's node.</param>
/// <param name="BToA">From B's node to A's node.</param>
public sealed record SerialRelayCounters(string EndA, string EndB, SerialDirectionCounters AToB, SerialDirectionCounters BToA)
{
    /// <summary>The line's speed in baud (8N1: a tenth of it in bytes per second); 0 when the relay does not pace.</summary>
    public int Baud { get; init; }

    /// <summary>What happened between <paramref name="earlier"/> (the same relay's earlier snapshot) and this one.</summary>
    /// <exception cref="ArgumentException"><paramref name="earlier"/> is another cable's.</exception>
    public SerialRelayCounters Since(SerialRelayCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier.EndA != EndA || earlier.EndB != EndB)
            throw new ArgumentException($"Counters of {earlier.EndA}<->{earlier.EndB} are not an earlier snapshot of {EndA}<->{EndB}.", nameof(earlier));
        return this with { AToB = AToB.Since(earlier.AToB), BToA = BToA.Since(earlier.BToA) };
    }

    /// <summary>One line for logs and reports.</summary>
    public override string ToString() =>
        (Baud > 0 ? $"{Baud} baud; " : "") + $"{AToB.Describe(EndA, EndB)}; {BToA.Describe(EndB, EndA)}";
}
