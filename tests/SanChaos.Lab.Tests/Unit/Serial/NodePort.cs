using SanChaos.Labs.Native;

namespace SanChaos.Lab.Tests.Unit.Serial;

/// <summary>Plays a node's end of a serial line: opens a pty slave the way UML's <c>ssl1=tty:</c> does.</summary>
internal sealed unsafe class NodePort : IDisposable
{
    private int _fd;

    public NodePort(string slavePath, bool raw = true)
    {
        _fd = Libc.Open(slavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK);
        if (raw) Libc.MakeRaw(_fd);
    }

    public int BytesToRead => Libc.BytesToRead(_fd);

    /// <summary>Writes everything, waiting for room when the line is full (fails after 2 s).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        var deadline = Environment.TickCount64 + 2000;
        while (!data.IsEmpty)
        {
            nint n;
            fixed (byte* p = data) n = Libc.Write(_fd, p, data.Length);
            if (n > 0)
            {
                data = data[(int)n..];
                continue;
            }

            if (Environment.TickCount64 > deadline) throw new TimeoutException("the pty never took the bytes");
            PollFor(Libc.POLLOUT, 50);
        }
    }

    /// <summary>Reads until <paramref name="count"/> bytes arrived or <paramref name="timeoutMs"/> passed; returns what came.</summary>
    public byte[] Read(int count, int timeoutMs = 1000)
    {
        var got = new List<byte>(count);
        var buf = new byte[4096];
        var deadline = Environment.TickCount64 + timeoutMs;
        while (got.Count < count)
        {
            var left = (int)(deadline - Environment.TickCount64);
            if (left <= 0) break;
            if (!PollFor(Libc.POLLIN, left)) break;
            nint n;
            fixed (byte* p = buf) n = Libc.Read(_fd, p, Math.Min(buf.Length, count - got.Count));
            if (n > 0) got.AddRange(buf.AsSpan(0, (int)n).ToArray());
        }

        return got.ToArray();
    }

    private bool PollFor(short events, int timeoutMs)
    {
        var pfd = new Libc.PollFd { Fd = _fd, Events = events };
        return Libc.Poll(&pfd, 1, timeoutMs) > 0;
    }

    public void Dispose()
    {
        Libc.Close(_fd);
        _fd = -1;
    }
}
