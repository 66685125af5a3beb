using System.Buffers.Binary;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Writes frames to a classic libpcap file (<see cref="PcapFormat"/>): little-endian, microsecond timestamps, Ethernet.
/// Every frame is flushed as it is written (like <c>tcpdump -U</c>), so the file opens with <c>tcpdump -r</c> at any
/// moment, also after the harness died. Not thread-safe: one writer per capture.
/// </summary>
internal sealed class PcapFileWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _header = new byte[PcapFormat.RecordHeaderSize];
    private readonly int _snapLength;

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes the global header.</summary>
    public PcapFileWriter(string path, int snapLength = PcapFormat.DefaultSnapLength)
    {
        Path = path;
        _snapLength = snapLength;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var g = new byte[PcapFormat.GlobalHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(g, PcapFormat.MicrosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(g.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(g.AsSpan(6), 4);
        // thiszone and sigfigs stay 0.
        BinaryPrimitives.WriteUInt32LittleEndian(g.AsSpan(16), (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(g.AsSpan(20), PcapFormat.LinkTypeEthernet);
        _file.Write(g);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Frames written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one frame (cut to the snap length) and flushes it to the file.</summary>
    public void Write(in CapturedFrame frame)
    {
        var length = Math.Min(frame.Data.Length, _snapLength);
        var seconds = Math.DivRem(frame.UnixNanoseconds, 1_000_000_000L, out var nanos);
        BinaryPrimitives.WriteUInt32LittleEndian(_header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)(nanos / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(12), (uint)Math.Max(frame.OriginalLength, length));
        // One write per record: a reader of the growing file never sees a header without its bytes for long.
        var record = new byte[PcapFormat.RecordHeaderSize + length];
        _header.CopyTo(record, 0);
        frame.Data.AsSpan(0, length).CopyTo(record.AsSpan(PcapFormat.RecordHeaderSize));
        _file.Write(record);
        Count++;
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
