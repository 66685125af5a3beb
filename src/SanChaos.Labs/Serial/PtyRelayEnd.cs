using SanChaos.Labs.Native;

namespace SanChaos.Labs.Serial;

/// <summary>A node's end of the line on a pty pair: the relay reads and writes the master, the node uses the slave.</summary>
internal sealed unsafe class PtyRelayEnd(PtyPair pty) : IRelayEnd
{
    public PtyPair Pty { get; } = pty;

    public int Take(Span<byte> buffer)
    {
        nint n;
        fixed (byte* p = buffer) n = Libc.Read(Pty.MasterFd, p, buffer.Length);
        return n >= 0 ? (int)n : TryAgain("reading");
    }

    public int Offer(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return 0;
        nint n;
        fixed (byte* p = data) n = Libc.Write(Pty.MasterFd, p, data.Length);
        return n >= 0 ? (int)n : TryAgain("writing");
    }

    public int Unread => Pty.QueuedTowardSlave();

    public int DiscardUnread()
    {
        var n = Pty.QueuedTowardSlave();
        Pty.FlushTowardSlave();
        return n;
    }

    public int DiscardUnsent()
    {
        var n = Pty.QueuedFromSlave();
        Pty.FlushFromSlave();
        return n;
    }

    /// <summary>0 for EAGAIN and EINTR; anything else (EIO: every slave descriptor closed, which the spare one prevents) is fatal.</summary>
    private int TryAgain(string doing)
    {
        var (errno, text) = Libc.LastError();
        if (errno is Libc.EAGAIN or Libc.EINTR) return 0;
        throw new IOException($"{doing} the master of {Pty.SlavePath} failed: {text} (errno {errno})");
    }
}
