namespace SanChaos.Labs.Serial;

/// <summary>
/// One direction of a serial line (sender to receiver), as a cable and a UART would carry it: bytes leave the sender at
/// the baud rate (<see cref="BaudPacer"/>; what it has not sent yet waits in its own port, as in a UART's transmit
/// queue), and each byte on the line is either put into the receiver's buffer or dropped for the reason a real line
/// would drop it: the cable is pulled, the receiver has no power, nobody has its port open, or its buffer is full
/// (overrun: the new bytes are lost, what waits stays). A byte the receiver's port accepted into its buffer is never
/// dropped afterwards while the port is open: when the port takes only part of what fits (a short write), the rest is
/// kept here, in order, and no more is taken from the sender until it is delivered. Not thread-safe: the relay calls it
/// under its lock.
/// </summary>
internal sealed class SerialLineDirection
{
    private const int ChunkBytes = 4096;

    private readonly IRelayEnd _from;
    private readonly IRelayEnd _to;
    private readonly BaudPacer _pacer;
    private readonly int _bufferBytes;
    private readonly byte[] _chunk = new byte[ChunkBytes];
    private byte[] _pending = [];
    private int _pendingStart;
    private long _forwarded, _pulled, _off, _closed, _overrun, _flushed;

    /// <param name="from">The sender's end.</param>
    /// <param name="to">The receiver's end.</param>
    /// <param name="pacer">This direction's pace.</param>
    /// <param name="receiveBufferBytes">What the receiver's buffer holds.</param>
    public SerialLineDirection(IRelayEnd from, IRelayEnd to, BaudPacer pacer, int receiveBufferBytes)
    {
        _from = from;
        _to = to;
        _pacer = pacer;
        _bufferBytes = receiveBufferBytes;
    }

    /// <summary>Bytes the receiver's buffer has room for but its port has not taken yet (after a short write).</summary>
    public int Pending => _pending.Length - _pendingStart;

    /// <summary>
    /// True when the relay should wake for the sender's bytes: nothing pending and credit for half a burst (a busy line
    /// moves bytes in steps of 25 ms of line time, not one byte per wake-up).
    /// </summary>
    public bool WantsToTake => Pending == 0 && _pacer.Available >= Step;

    /// <summary>How long the relay may sleep before <see cref="WantsToTake"/> can hold again.</summary>
    public TimeSpan Wait => _pacer.Until(Step);

    private int Step => Math.Max(1, _pacer.Burst / 2);

    /// <summary>The counters so far.</summary>
    public SerialDirectionCounters Counters => new(_forwarded, _pulled, _off, _closed, _overrun, _flushed);

    /// <summary>
    /// Delivers what is pending, then carries what the sender transmitted that the line's pace allows now. Returns true
    /// when a byte moved (so the caller may pump again at once).
    /// </summary>
    /// <param name="line">The cable and the receiver now.</param>
    public bool Pump(LineConditions line)
    {
        var delivered = 0;
        if (Pending > 0)
        {
            delivered = _to.Offer(_pending.AsSpan(_pendingStart));
            _forwarded += delivered;
            _pendingStart += delivered;
            if (Pending > 0) return delivered > 0;
            _pending = [];
            _pendingStart = 0;
        }

        var credit = _pacer.Available;
        if (credit < 1) return delivered > 0;
        var n = _from.Take(_chunk.AsSpan(0, Math.Min(credit, _chunk.Length)));
        if (n <= 0) return delivered > 0;
        _pacer.Take(n);
        Arrive(_chunk.AsSpan(0, n), line);
        return true;
    }

    /// <summary>The receiver lost power or its last reader closed the port: what waits for it is lost.</summary>
    public void DiscardTowardReceiver() => _flushed += _to.DiscardUnread() + DropPending();

    /// <summary>The sender lost power: what it wrote but had not sent yet is lost (what is on the line still arrives).</summary>
    public void DiscardUnsent() => _flushed += _from.DiscardUnsent();

    private void Arrive(ReadOnlySpan<byte> bytes, LineConditions line)
    {
        if (!line.Plugged)
        {
            _pulled += bytes.Length;
            return;
        }

        if (!line.ReceiverPowered)
        {
            _off += bytes.Length;
            return;
        }

        if (!line.ReceiverOpen)
        {
            _closed += bytes.Length;
            return;
        }

        var room = Math.Max(0, _bufferBytes - _to.Unread);
        var fits = Math.Min(bytes.Length, room);
        _overrun += bytes.Length - fits;
        var took = fits > 0 ? _to.Offer(bytes[..fits]) : 0;
        _forwarded += took;
        if (took < fits) _pending = bytes[took..fits].ToArray();
    }

    private int DropPending()
    {
        var n = Pending;
        _pending = [];
        _pendingStart = 0;
        return n;
    }
}
