namespace SanChaos.Labs.Serial;

/// <summary>How a <see cref="SerialRelay"/> carries bytes.</summary>
public sealed record SerialRelayOptions
{
    /// <summary>Heartbeat's speed when ha.cf has no <c>baud</c> line: 19200.</summary>
    public const int DefaultBaud = 19200;

    /// <summary>Default <see cref="ReceiveBufferBytes"/>: 4095, what a Linux tty's read buffer holds (N_TTY_BUF_SIZE less one).</summary>
    public const int DefaultReceiveBufferBytes = 4095;

    /// <summary>
    /// The line's speed, as ha.cf's <c>baud</c> sets it on both nodes. Each direction carries at most a tenth of it in
    /// bytes per second (8 data bits, no parity, 1 stop bit: 10 bits a byte), so 19200 baud is 1920 B/s. Default
    /// <see cref="DefaultBaud"/>; between 300 and 4000000.
    /// </summary>
    public int Baud { get; init; } = DefaultBaud;

    /// <summary>
    /// How many bytes a node's receive buffer holds while its port is open and nobody reads it; bytes that arrive when it is
    /// full are dropped (overrun). Default <see cref="DefaultReceiveBufferBytes"/>; between 16 and 4095 (the pty's own read
    /// buffer cannot show more). It is a tty buffer's size, not a 16-byte UART FIFO's: UML services its end of the line
    /// far later than a kernel services a UART interrupt.
    /// </summary>
    public int ReceiveBufferBytes { get; init; } = DefaultReceiveBufferBytes;

    /// <summary>The clock that paces the line (monotonic timestamps). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Throws when a value is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Baud, 300, nameof(Baud));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Baud, 4_000_000, nameof(Baud));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBufferBytes, 16, nameof(ReceiveBufferBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReceiveBufferBytes, 4095, nameof(ReceiveBufferBytes));
        ArgumentNullException.ThrowIfNull(Time, nameof(Time));
    }
}
