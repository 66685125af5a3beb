using System.Runtime.InteropServices;
using SanChaos.Core.Errors;

namespace SanChaos.Labs.Native;

/// <summary>
/// The few libc calls the lab needs that .NET does not offer: pseudo-terminals (no System.IO.Ports here),
/// raw termios, poll on raw descriptors, inotify (who opens a pty slave), and signals to process groups (power loss = SIGSTOP then SIGKILL
/// of a node's group).
/// <para>
/// Linux only, and only the ABIs whose constants are written here: x86-64 and arm64 (asm-generic
/// values; MIPS, PowerPC, SPARC and Alpha differ). <see cref="EnsureSupported"/> checks that.
/// </para>
/// <para>
/// Every descriptor opened here is <c>O_CLOEXEC</c>: .NET's Process.Start does not close inherited
/// descriptors, so without it every ssh, ip or UML process the harness starts would inherit pty masters
/// and keep lines open after the relay closed them.
/// </para>
/// <para>
/// Process groups: .NET cannot call <c>setsid()</c> between fork and exec. Start a process that must lead
/// its own group through the util-linux <c>setsid</c> command (<see cref="SetsidCommand"/>): a child of
/// the harness is not a group leader, so <c>setsid</c> execs in place and the PID we get is also the
/// process group and session id, ready for <see cref="SignalGroup"/>.
/// </para>
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    // open(2) flags (asm-generic).
    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    // tcsetattr / tcflush.
    public const int TCSANOW = 0;
    public const int TCIFLUSH = 0;
    public const int TCOFLUSH = 1;
    public const int TCIOFLUSH = 2;

    /// <summary>ioctl: bytes waiting to be read on a tty (TIOCINQ).</summary>
    public const uint FIONREAD = 0x541B;

    // inotify(7) events: a file opened, a file closed (written to or not), the event queue overflowed.
    public const uint IN_OPEN = 0x20;
    public const uint IN_CLOSE_WRITE = 0x08;
    public const uint IN_CLOSE_NOWRITE = 0x10;
    public const uint IN_Q_OVERFLOW = 0x4000;

    /// <summary>Size of <c>struct inotify_event</c> before its name: wd, mask, cookie, len.</summary>
    public const int InotifyEventHeader = 16;

    // poll(2) events.
    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;
    public const short POLLNVAL = 0x20;

    // errno.
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EAGAIN = 11;
    public const int ESRCH = 3;

    // Signals (x86-64 / arm64).
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    /// <summary>The util-linux command that starts its argument as a session and process group leader.</summary>
    public const string SetsidCommand = "setsid";

    /// <summary>Size reserved for an opaque <c>struct termios</c> (60 bytes in glibc on x86-64/arm64).</summary>
    private const int TermiosBufferSize = 256;

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenRaw(string path, int flags, int mode);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    private static partial int CloseRaw(int fd);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buf, nint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buf, nint count);

    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint nfds, int timeoutMs);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoctlInt(int fd, nuint request, int* arg);

    [LibraryImport(Lib, EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport(Lib, EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport(Lib, EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, byte* buf, nuint len);

    [LibraryImport(Lib, EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Lib, EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Lib, EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw(byte* termios);

    [LibraryImport(Lib, EntryPoint = "tcflush", SetLastError = true)]
    private static partial int TcFlush(int fd, int queueSelector);

    [LibraryImport(Lib, EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFdRaw(uint initval, int flags);

    [LibraryImport(Lib, EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit1(int flags);

    [LibraryImport(Lib, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatchRaw(int fd, string path, uint mask);

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    private static partial int KillRaw(int pid, int sig);

    [LibraryImport(Lib, EntryPoint = "getpgid", SetLastError = true)]
    private static partial int GetPgidRaw(int pid);

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> off Linux x86-64/arm64.</summary>
    public static void EnsureSupported()
    {
        if (!OperatingSystem.IsLinux() ||
            RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            throw new PlatformNotSupportedException(
                $"SanChaos's native helpers (pty, termios, poll) need Linux on x86-64 or arm64; this is {RuntimeInformation.OSDescription} on {RuntimeInformation.ProcessArchitecture}.");
    }

    /// <summary>The errno of the last P/Invoke and its text.</summary>
    public static (int Errno, string Text) LastError()
    {
        var errno = Marshal.GetLastPInvokeError();
        return (errno, Marshal.GetPInvokeErrorMessage(errno));
    }

    /// <summary>Throws a <see cref="SanChaosException"/> naming the call and errno when <paramref name="rc"/> is negative.</summary>
    public static int Check(int rc, string call)
    {
        if (rc >= 0) return rc;
        var (errno, text) = LastError();
        throw new SanChaosException($"libc {call} failed: {text} (errno {errno}).",
            "This is a host problem, not a lab one: check that /dev/ptmx and /dev/pts are usable (devpts mounted) and that the harness runs as root on Linux.");
    }

    /// <summary>open(2), always with O_CLOEXEC added.</summary>
    public static int Open(string path, int flags) => Check(OpenRaw(path, flags | O_CLOEXEC, 0), $"open({path})");

    /// <summary>close(2); ignores errors (EINTR on Linux still closes the descriptor).</summary>
    public static void Close(int fd)
    {
        if (fd >= 0) _ = CloseRaw(fd);
    }

    /// <summary>Opens a new pty master (non-blocking, close-on-exec), unlocked, and returns it with its slave's path.</summary>
    public static (int MasterFd, string SlavePath) OpenPtyMaster()
    {
        EnsureSupported();
        var master = Open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK);
        try
        {
            Check(GrantPt(master), "grantpt");
            Check(UnlockPt(master), "unlockpt");
            var buf = stackalloc byte[128];
            var rc = PtsNameR(master, buf, 128);
            if (rc != 0)
            {
                Marshal.SetLastPInvokeError(rc);
                Check(-1, "ptsname_r");
            }
            return (master, Marshal.PtrToStringUTF8((nint)buf)!);
        }
        catch
        {
            Close(master);
            throw;
        }
    }

    /// <summary>Puts a tty in raw mode (cfmakeraw: no echo, no line editing, no CR/NL mapping, 8 bits, no flow control).</summary>
    public static void MakeRaw(int fd)
    {
        var t = stackalloc byte[TermiosBufferSize];
        Check(TcGetAttr(fd, t), "tcgetattr");
        CfMakeRaw(t);
        Check(TcSetAttr(fd, TCSANOW, t), "tcsetattr");
    }

    /// <summary>tcflush(3): discards queued input (<see cref="TCIFLUSH"/>), output or both.</summary>
    public static void Flush(int fd, int queueSelector) => Check(TcFlush(fd, queueSelector), "tcflush");

    /// <summary>Bytes waiting to be read on a tty (FIONREAD).</summary>
    public static int BytesToRead(int fd)
    {
        int n = 0;
        Check(IoctlInt(fd, FIONREAD, &n), "ioctl(FIONREAD)");
        return n;
    }

    /// <summary>A non-blocking, close-on-exec eventfd (a wake-up for poll loops).</summary>
    public static int EventFd() => Check(EventFdRaw(0, O_NONBLOCK | O_CLOEXEC), "eventfd");

    /// <summary>A non-blocking, close-on-exec inotify instance (its events are read with <see cref="Read"/>).</summary>
    public static int Inotify() => Check(InotifyInit1(O_NONBLOCK | O_CLOEXEC), "inotify_init1");

    /// <summary>Watches <paramref name="path"/> for the events in <paramref name="mask"/>; returns the watch descriptor.</summary>
    public static int InotifyAddWatch(int fd, string path, uint mask) => Check(InotifyAddWatchRaw(fd, path, mask), $"inotify_add_watch({path})");

    /// <summary>Adds 1 to an eventfd, waking whoever polls it.</summary>
    public static void Signal(int eventFd)
    {
        ulong one = 1;
        _ = Write(eventFd, (byte*)&one, sizeof(ulong));
    }

    /// <summary>Resets an eventfd (non-blocking read).</summary>
    public static void Drain(int eventFd)
    {
        ulong v;
        _ = Read(eventFd, (byte*)&v, sizeof(ulong));
    }

    /// <summary>kill(2) to one process. Returns false when it no longer exists (ESRCH).</summary>
    public static bool Kill(int pid, int signal)
    {
        if (pid <= 0) throw new ArgumentOutOfRangeException(nameof(pid), pid, "a process id is positive");
        if (KillRaw(pid, signal) == 0) return true;
        if (Marshal.GetLastPInvokeError() == ESRCH) return false;
        Check(-1, $"kill({pid}, {signal})");
        return false;
    }

    /// <summary>kill(2) to every process of group <paramref name="pgid"/>. Returns false when the group is empty (ESRCH).</summary>
    public static bool SignalGroup(int pgid, int signal)
    {
        if (pgid <= 1) throw new ArgumentOutOfRangeException(nameof(pgid), pgid, "a process group id is greater than 1");
        if (KillRaw(-pgid, signal) == 0) return true;
        if (Marshal.GetLastPInvokeError() == ESRCH) return false;
        Check(-1, $"kill(-{pgid}, {signal})");
        return false;
    }

    /// <summary>The process group of <paramref name="pid"/>, or -1 when it does not exist.</summary>
    public static int GetProcessGroup(int pid)
    {
        var g = GetPgidRaw(pid);
        return g >= 0 ? g : -1;
    }
}
