using System.Threading.Channels;

namespace SanChaos.Labs.Streaming;

/// <summary>
/// A read-only, non-seekable stream over chunks of bytes handed over through a channel: the binary output of a remote
/// stream (<see cref="RemoteStreamOptions.Binary"/>). The producer owns the process's pipe and reads it to its end, so
/// bytes already read stay readable here after the process and its pipe are gone. A read returns 0 once the channel
/// is completed and drained.
/// </summary>
internal sealed class ChunkReadStream : Stream
{
    private readonly ChannelReader<ReadOnlyMemory<byte>> _chunks;
    private ReadOnlyMemory<byte> _current;

    public ChunkReadStream(ChannelReader<ReadOnlyMemory<byte>> chunks) => _chunks = chunks;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return 0;
        while (_current.IsEmpty)
        {
            if (!await _chunks.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) return 0;
            _chunks.TryRead(out _current);
        }

        var n = Math.Min(buffer.Length, _current.Length);
        _current[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
