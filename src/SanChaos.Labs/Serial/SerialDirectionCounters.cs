namespace SanChaos.Labs.Serial;

/// <summary>
/// What one direction of a serial cable did with the bytes its sender transmitted (bytes, since the relay started). A
/// byte is counted once when it crosses the line: forwarded into the receiver's buffer, or dropped for the first reason
/// that applies, in this order: the cable was pulled, the receiver had no power, nobody had the receiver's port open,
/// the receiver's buffer was full (overrun). <see cref="Flushed"/> counts bytes lost later from a node's buffers.
/// </summary>
/// <param name="Forwarded">Bytes put into the receiver's receive buffer.</param>
/// <param name="DroppedPulled">Bytes sent while the cable was pulled.</param>
/// <param name="DroppedOff">Bytes sent while the receiver had no power.</param>
/// <param name="DroppedClosed">Bytes sent while no process had the receiver's port open (a UART nobody listens on
/// receives nothing: a booting node, or one whose Heartbeat has not opened the line yet).</param>
/// <param name="DroppedOverrun">Bytes that found the receiver's buffer full (its port open, nobody reading): the new
/// bytes are dropped, what waits in the buffer stays.</param>
/// <param name="Flushed">Bytes lost from a node's buffers: forwarded toward it but unread when it lost power or its last
/// reader closed the port, or written by it but not yet sent when it lost power.</param>
public sealed record SerialDirectionCounters(
    long Forwarded, long DroppedPulled, long DroppedOff, long DroppedClosed, long DroppedOverrun, long Flushed)
{
    /// <summary>Nothing carried, nothing dropped.</summary>
    public static SerialDirectionCounters Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Every byte dropped on the line, whatever the reason (<see cref="Flushed"/> not included).</summary>
    public long Dropped => DroppedPulled + DroppedOff + DroppedClosed + DroppedOverrun;

    /// <summary>What happened between <paramref name="earlier"/> and this snapshot.</summary>
    public SerialDirectionCounters Since(SerialDirectionCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Forwarded - earlier.Forwarded, DroppedPulled - earlier.DroppedPulled, DroppedOff - earlier.DroppedOff,
            DroppedClosed - earlier.DroppedClosed, DroppedOverrun - earlier.DroppedOverrun, Flushed - earlier.Flushed);
    }

    /// <summary>One phrase for logs, naming the receiver <paramref name="to"/>.</summary>
    public string Describe(string from, string to) =>
        $"{from}→{to}: {Forwarded} B forwarded, {DroppedPulled} B dropped (pulled), {DroppedOff} B dropped ({to} off), " +
        $"{DroppedClosed} B dropped ({to}'s port closed), {DroppedOverrun} B dropped (overrun), {Flushed} B flushed";
}
