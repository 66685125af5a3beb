using System.Buffers.Binary;
using FluentAssertions;
using SanChaos.Observers.Capture;
using Xunit;

namespace SanChaos.Observers.Tests.Capture;

[Trait("Category", "unit")]
public sealed class PcapReaderTests
{
    // `tcpdump -r arp-takeover-us.pcap -tt`: first and last frame.
    private const long FirstUs = 1795966712_373651_000L;
    private const long LastUs = 1795966723_019555_000L;

    [Fact]
    public async Task Reads_a_microsecond_file_written_by_tcpdump()
    {
        var frames = await PcapReader.ReadFileAsync(CaptureFixtures.PathOf("arp-takeover-us.pcap"), TestContext.Current.CancellationToken);

        frames.Should().HaveCount(13);
        frames[0].UnixNanoseconds.Should().Be(FirstUs);
        frames[^1].UnixNanoseconds.Should().Be(LastUs);
        frames[0].Time.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1795966712).AddTicks(3736510));
        frames.Should().OnlyContain(f => f.Data.Length == 42 && f.OriginalLength == 42);
    }

    [Fact]
    public async Task Reads_a_nanosecond_file_written_by_tcpdump()
    {
        await using var file = File.OpenRead(CaptureFixtures.PathOf("arp-takeover-ns.pcap"));
        var reader = new PcapReader(file);
        var frames = await ToListAsync(reader);

        reader.Nanoseconds.Should().BeTrue();
        reader.BigEndian.Should().BeFalse();
        reader.LinkType.Should().Be(1u);
        frames.Should().HaveCount(13);
        frames[0].UnixNanoseconds.Should().Be(1795966712_373651_890L); // tcpdump --time-stamp-precision=nano shows .373651890
    }

    [Theory]
    [InlineData("arp-takeover-us.pcap")]
    [InlineData("arp-takeover-ns.pcap")]
    public async Task Reads_the_same_frames_big_endian(string fixture)
    {
        var little = File.ReadAllBytes(CaptureFixtures.PathOf(fixture));
        var expected = await ToListAsync(new PcapReader(new MemoryStream(little)));

        var reader = new PcapReader(new MemoryStream(ToBigEndian(little)));
        var frames = await ToListAsync(reader);

        reader.BigEndian.Should().BeTrue();
        frames.Select(f => (f.UnixNanoseconds, f.OriginalLength)).Should().Equal(expected.Select(f => (f.UnixNanoseconds, f.OriginalLength)));
        frames.Zip(expected).Should().OnlyContain(p => p.First.Data.SequenceEqual(p.Second.Data));
    }

    [Fact]
    public async Task Reads_a_stream_that_hands_over_one_byte_at_a_time()
    {
        var bytes = File.ReadAllBytes(CaptureFixtures.PathOf("arp-takeover-us.pcap"));

        var frames = await ToListAsync(new PcapReader(new TrickleStream(bytes)));

        frames.Should().HaveCount(13);
        frames[^1].UnixNanoseconds.Should().Be(LastUs);
    }

    [Fact]
    public async Task A_record_cut_off_by_the_end_ends_the_stream_and_is_counted()
    {
        var bytes = File.ReadAllBytes(CaptureFixtures.PathOf("arp-takeover-us.pcap"));
        var cut = bytes[..^10];

        var reader = new PcapReader(new MemoryStream(cut));
        var frames = await ToListAsync(reader);

        frames.Should().HaveCount(12);
        reader.TruncatedBytes.Should().Be(16 + 42 - 10);
    }

    [Fact]
    public async Task Refuses_pcapng_saying_how_to_convert()
    {
        var ng = new byte[] { 0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 28, 0, 0, 0 };

        var act = () => new PcapReader(new MemoryStream(ng)).ReadHeaderAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<InvalidDataException>()).WithMessage("*pcapng*editcap*");
    }

    [Fact]
    public async Task An_empty_stream_says_the_capture_never_started()
    {
        var act = () => new PcapReader(new MemoryStream()).ReadNextAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<InvalidDataException>()).WithMessage("*ended after 0 bytes*never started*");
    }

    [Fact]
    public async Task Writes_what_it_reads_back_exactly_in_microseconds()
    {
        var frames = await PcapReader.ReadFileAsync(CaptureFixtures.PathOf("arp-takeover-us.pcap"), TestContext.Current.CancellationToken);
        var path = Path.Combine(Path.GetTempPath(), $"sanchaos-capture-{Guid.NewGuid():N}.pcap");
        try
        {
            using (var w = new PcapFileWriter(path))
                foreach (var f in frames) w.Write(f);

            File.ReadAllBytes(path).Should().Equal(File.ReadAllBytes(CaptureFixtures.PathOf("arp-takeover-us.pcap")),
                "tcpdump wrote the same format: little-endian, microseconds, snap length 262144, Ethernet");
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task<List<CapturedFrame>> ToListAsync(PcapReader reader)
    {
        var list = new List<CapturedFrame>();
        await foreach (var f in reader.ReadAllAsync(TestContext.Current.CancellationToken)) list.Add(f);
        return list;
    }

    /// <summary>The same capture as a big-endian writer would have written it: every header field byte-swapped.</summary>
    private static byte[] ToBigEndian(byte[] little)
    {
        var b = (byte[])little.Clone();
        void Swap32(int at) => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), BinaryPrimitives.ReadUInt32LittleEndian(little.AsSpan(at)));
        void Swap16(int at) => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), BinaryPrimitives.ReadUInt16LittleEndian(little.AsSpan(at)));
        Swap32(0);
        Swap16(4);
        Swap16(6);
        for (var i = 8; i < 24; i += 4) Swap32(i);
        for (var at = 24; at < little.Length;)
        {
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(little.AsSpan(at + 8));
            for (var i = 0; i < 16; i += 4) Swap32(at + i);
            at += 16 + len;
        }

        return b;
    }

    /// <summary>A pipe at its slowest: every read returns one byte.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(1, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(1, count), cancellationToken);
    }
}
