using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Reads frames from a classic libpcap stream: a recorded <c>.pcap</c> file, or <c>tcpdump -U -w -</c> streamed over SSH.
/// Accepts both magics (microsecond <c>a1b2c3d4</c>, nanosecond <c>a1b23c4d</c>) in both byte orders. Reads as bytes
/// arrive (a pipe may hand over part of a record); a record cut off by the end of the stream (tcpdump killed mid-write)
/// ends the stream and is counted in <see cref="TruncatedBytes"/>. pcapng is refused with a message saying so.
/// </summary>
public sealed class PcapReader
{
    private const uint PcapngMagic = 0x0a0d0d0a;
    private readonly Stream _stream;
    private readonly byte[] _recordHeader = new byte[PcapFormat.RecordHeaderSize];
    private bool _headerRead;
    private bool _bigEndian;
    private bool _nanoseconds;
    private long _offset;

    /// <summary>Creates a reader over <paramref name="stream"/> (not disposed by the reader).</summary>
    public PcapReader(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <summary>Every frame of the recorded file <paramref name="path"/>.</summary>
    public static async Task<IReadOnlyList<CapturedFrame>> ReadFileAsync(string path, CancellationToken ct = default)
    {
        await using var file = File.OpenRead(path);
        var reader = new PcapReader(file);
        var frames = new List<CapturedFrame>();
        await foreach (var f in reader.ReadAllAsync(ct).ConfigureAwait(false)) frames.Add(f);
        return frames;
    }

    /// <summary>The link type from the global header (1 = Ethernet); valid once the header was read.</summary>
    public uint LinkType { get; private set; }

    /// <summary>The snap length from the global header.</summary>
    public uint SnapLength { get; private set; }

    /// <summary>True when the stream's timestamps count nanoseconds.</summary>
    public bool Nanoseconds => _nanoseconds;

    /// <summary>True when the stream was written big-endian.</summary>
    public bool BigEndian => _bigEndian;

    /// <summary>Bytes of an incomplete last record the stream ended in (0 for a complete stream).</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>Reads the global header if not yet done. Throws <see cref="InvalidDataException"/> for anything but classic pcap.</summary>
    public async Task ReadHeaderAsync(CancellationToken ct = default)
    {
        if (_headerRead) return;
        var g = new byte[PcapFormat.GlobalHeaderSize];
        var n = await _stream.ReadAtLeastAsync(g, g.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (n < g.Length)
            throw new InvalidDataException($"The pcap stream ended after {n} bytes, inside its {g.Length}-byte global header: the capture never started (read its error output).");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(g);
        switch (magic)
        {
            case PcapFormat.MicrosecondMagic: break;
            case PcapFormat.NanosecondMagic: _nanoseconds = true; break;
            default:
                var swapped = BinaryPrimitives.ReverseEndianness(magic);
                if (swapped == PcapFormat.MicrosecondMagic) _bigEndian = true;
                else if (swapped == PcapFormat.NanosecondMagic) (_bigEndian, _nanoseconds) = (true, true);
                else if (magic == PcapngMagic)
                    throw new InvalidDataException("This is a pcapng file; only classic pcap is read here (write it with `tcpdump -w`, or convert it: `editcap -F pcap in.pcapng out.pcap`).");
                else throw new InvalidDataException($"Not a pcap stream: magic 0x{magic:x8} (expected a1b2c3d4 or a1b23c4d in either byte order).");
                break;
        }

        SnapLength = U32(g, 16);
        LinkType = U32(g, 20) & 0x0fffffff; // the top bits may carry FCS information
        _offset = g.Length;
        _headerRead = true;
    }

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async Task<CapturedFrame?> ReadNextAsync(CancellationToken ct = default)
    {
        await ReadHeaderAsync(ct).ConfigureAwait(false);
        var n = await _stream.ReadAtLeastAsync(_recordHeader, _recordHeader.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (n == 0) return null;
        if (n < _recordHeader.Length)
        {
            TruncatedBytes = n;
            return null;
        }

        var seconds = U32(_recordHeader, 0);
        var fraction = U32(_recordHeader, 4);
        var captured = U32(_recordHeader, 8);
        var original = U32(_recordHeader, 12);
        if (captured > PcapFormat.MaxRecordLength)
            throw new InvalidDataException($"Corrupt pcap stream: the record at byte {_offset} claims {captured} captured bytes.");
        var data = new byte[captured];
        var got = await _stream.ReadAtLeastAsync(data, data.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (got < data.Length)
        {
            TruncatedBytes = n + got;
            return null;
        }

        _offset += n + got;
        var nanos = seconds * 1_000_000_000L + (_nanoseconds ? fraction : fraction * 1000L);
        return new CapturedFrame(nanos, data, (int)Math.Min(original, int.MaxValue));
    }

    /// <summary>Every frame until the end of the stream.</summary>
    public async IAsyncEnumerable<CapturedFrame> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (await ReadNextAsync(ct).ConfigureAwait(false) is { } frame)
            yield return frame;
    }

    private uint U32(byte[] b, int at) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
}
