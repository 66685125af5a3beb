namespace SanChaos.Labs.Serial;

/// <summary>
/// What a <see cref="SerialRelay"/> did with the bytes it read, per direction (A→B is from end A's node to end
/// B's node). A snapshot: read <see cref="SerialRelay.Counters"/> again for newer numbers.
/// </summary>
/// <param name="EndA">Name of end A (e.g. otter).</param>
/// <param name="EndB">Name of end B (e.g. weasel).</param>
/// <param name="ForwardedAToB">Bytes carried from A's node to B's node.</param>
/// <param name="ForwardedBToA">Bytes carried from B's node to A's node.</param>
/// <param name="DroppedPulledAToB">Bytes from A dropped because the cable was pulled.</param>
/// <param name="DroppedPulledBToA">Bytes from B dropped because the cable was pulled.</param>
/// <param name="DroppedOverflowAToB">Bytes from A dropped because B's node was not reading (its queue was full).</param>
/// <param name="DroppedOverflowBToA">Bytes from B dropped because A's node was not reading (its queue was full).</param>
/// <param name="FlushedTowardA">Bytes discarded by <see cref="SerialRelay.FlushSide"/> on end A.</param>
/// <param name="FlushedTowardB">Bytes discarded by <see cref="SerialRelay.FlushSide"/> on end B.</param>
public sealed record SerialRelayCounters(
    string EndA,
    string EndB,
    long ForwardedAToB,
    long ForwardedBToA,
    long DroppedPulledAToB,
    long DroppedPulledBToA,
    long DroppedOverflowAToB,
    long DroppedOverflowBToA,
    long FlushedTowardA,
    long FlushedTowardB)
{
    /// <summary>Bytes from A dropped because B's node had no power.</summary>
    public long DroppedOffAToB { get; init; }

    /// <summary>Bytes from B dropped because A's node had no power.</summary>
    public long DroppedOffBToA { get; init; }

    /// <summary>Bytes toward A dropped because A's node left them unread for <see cref="SerialRelay.UnreadExpiry"/> (booting, port not open).</summary>
    public long ExpiredTowardA { get; init; }

    /// <summary>Bytes toward B dropped because B's node left them unread for <see cref="SerialRelay.UnreadExpiry"/>.</summary>
    public long ExpiredTowardB { get; init; }

    /// <summary>One line for logs and reports.</summary>
    public override string ToString() =>
        $"{EndA}→{EndB}: {ForwardedAToB} B forwarded, {DroppedPulledAToB} B dropped (pulled), {DroppedOffAToB} B dropped ({EndB} off), " +
        $"{DroppedOverflowAToB} B dropped ({EndB} not reading), {ExpiredTowardB} B expired unread, {FlushedTowardB} B flushed; " +
        $"{EndB}→{EndA}: {ForwardedBToA} B forwarded, {DroppedPulledBToA} B dropped (pulled), {DroppedOffBToA} B dropped ({EndA} off), " +
        $"{DroppedOverflowBToA} B dropped ({EndA} not reading), {ExpiredTowardA} B expired unread, {FlushedTowardA} B flushed";
}
