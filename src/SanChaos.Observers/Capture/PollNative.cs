using System.Runtime.InteropServices;

namespace SanChaos.Observers.Capture;

/// <summary>
/// poll(2) on a capture's descriptor together with an eventfd that wakes it: the live capture sleeps in the kernel
/// until a frame arrives, its read timeout passes, or it is told to stop (no busy loop, no stop latency).
/// Linux x86-64/arm64 (asm-generic constants).
/// </summary>
internal static unsafe partial class PollNative
{
    public const short PollIn = 0x1;
    private const int EfdNonBlock = 0x800;
    private const int EfdCloexec = 0x80000;
    private const int Eintr = 4;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollRaw(PollFd* fds, nuint nfds, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFdRaw(uint initval, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buf, nint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buf, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseRaw(int fd);

    /// <summary>A non-blocking, close-on-exec eventfd.</summary>
    public static int EventFd()
    {
        var fd = EventFdRaw(0, EfdNonBlock | EfdCloexec);
        if (fd < 0) throw new IOException($"eventfd failed: errno {Marshal.GetLastPInvokeError()}");
        return fd;
    }

    /// <summary>Wakes whoever polls <paramref name="eventFd"/>.</summary>
    public static void Signal(int eventFd)
    {
        ulong one = 1;
        _ = Write(eventFd, (byte*)&one, sizeof(ulong));
    }

    /// <summary>Closes a descriptor (errors ignored).</summary>
    public static void Close(int fd)
    {
        if (fd >= 0) _ = CloseRaw(fd);
    }

    /// <summary>
    /// Waits until <paramref name="fd"/> is readable, <paramref name="wakeFd"/> was signalled (and is reset), or
    /// <paramref name="timeoutMs"/> passed. Returns true when <paramref name="fd"/> is readable. Throws on a poll error.
    /// </summary>
    public static bool WaitReadable(int fd, int wakeFd, int timeoutMs)
    {
        var fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = fd, Events = PollIn };
        fds[1] = new PollFd { Fd = wakeFd, Events = PollIn };
        var rc = PollRaw(fds, wakeFd >= 0 ? 2u : 1u, timeoutMs);
        if (rc < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Eintr) return false;
            throw new IOException($"poll on the capture failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})");
        }

        if (wakeFd >= 0 && (fds[1].Revents & PollIn) != 0)
        {
            ulong v;
            _ = Read(wakeFd, (byte*)&v, sizeof(ulong));
        }

        return fds[0].Revents != 0;
    }
}
