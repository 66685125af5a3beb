namespace SanChaos.Core.History;

/// <summary>Data keys of <see cref="SerialEventKinds.Line"/>; counts are bytes, invariant decimal.</summary>
public static class SerialEventKeys
{
    /// <summary>The sending node.</summary>
    public const string From = "from";

    /// <summary>The receiving node.</summary>
    public const string To = "to";

    /// <summary>The line's speed in baud; 0 when the relay does not pace.</summary>
    public const string Baud = "baud";

    /// <summary>Bytes put into the receiver's buffer.</summary>
    public const string Forwarded = "forwarded_bytes";

    /// <summary>Bytes sent while the cable was pulled.</summary>
    public const string DroppedPulled = "dropped_pulled_bytes";

    /// <summary>Bytes sent while the receiver had no power.</summary>
    public const string DroppedOff = "dropped_off_bytes";

    /// <summary>Bytes sent while nobody had the receiver's port open.</summary>
    public const string DroppedClosed = "dropped_closed_bytes";

    /// <summary>Bytes that found the receiver's buffer full.</summary>
    public const string DroppedOverrun = "dropped_overrun_bytes";

    /// <summary>Bytes lost from a node's buffers when it lost power or its port was closed.</summary>
    public const string Flushed = "flushed_bytes";
}
