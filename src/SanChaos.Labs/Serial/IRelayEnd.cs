namespace SanChaos.Labs.Serial;

/// <summary>
/// One node's end of a serial line as the relay drives it: what the node transmitted, and the node's receive buffer.
/// Calls never block. A fatal error (not "try again") throws <see cref="IOException"/>.
/// </summary>
internal interface IRelayEnd
{
    /// <summary>Takes up to <c>buffer.Length</c> bytes the node transmitted; 0 when none waits.</summary>
    int Take(Span<byte> buffer);

    /// <summary>Offers bytes to the node's receive buffer; returns how many it took now (fewer when its port is busy).</summary>
    int Offer(ReadOnlySpan<byte> data);

    /// <summary>Bytes in the node's receive buffer that it has not read.</summary>
    int Unread { get; }

    /// <summary>Discards the bytes in the node's receive buffer; returns how many there were.</summary>
    int DiscardUnread();

    /// <summary>Discards what the node transmitted that the relay has not taken yet; returns how many there were.</summary>
    int DiscardUnsent();
}
