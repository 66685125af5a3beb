namespace SanChaos.Observers.Capture;

/// <summary>
/// The classic libpcap file format (what <c>tcpdump -w</c> writes and <c>tcpdump -r</c> reads): a 24-byte global
/// header (magic, version 2.4, zone, sigfigs, snap length, link type), then per packet a 16-byte record header
/// (seconds, sub-second part, captured length, original length) and the bytes. The magic says the byte order and
/// whether the sub-second part counts microseconds or nanoseconds.
/// </summary>
internal static class PcapFormat
{
    /// <summary>Magic of a microsecond file, as read in the writer's byte order.</summary>
    public const uint MicrosecondMagic = 0xa1b2c3d4;

    /// <summary>Magic of a nanosecond file, as read in the writer's byte order.</summary>
    public const uint NanosecondMagic = 0xa1b23c4d;

    /// <summary>Size of the global header.</summary>
    public const int GlobalHeaderSize = 24;

    /// <summary>Size of a packet record's header.</summary>
    public const int RecordHeaderSize = 16;

    /// <summary>Link type of Ethernet (DLT_EN10MB).</summary>
    public const uint LinkTypeEthernet = 1;

    /// <summary>Snap length written by default (tcpdump's default).</summary>
    public const int DefaultSnapLength = 262144;

    /// <summary>Largest record a reader accepts: anything longer is a corrupt file, not a frame.</summary>
    public const int MaxRecordLength = 16 * 1024 * 1024;
}
