using System.Globalization;
using SanChaos.Labs.Native;

namespace SanChaos.Labs.Serial;

/// <summary>
/// Whether anyone has a node's end of the line open, from the host. inotify reports each open of a pty slave and each last
/// close of an open file (also when the kernel closes a killed process's descriptors); on a close, the processes'
/// descriptors (<c>/proc/*/fd</c>) say whether another opener remains, the relay's own spare descriptor excepted. Counting
/// events alone would not do: inotify merges identical events in a row (two opens read as one). An open is trusted as it
/// comes (the descriptor may not be in the opener's table yet). UML opens its end when the guest first opens the serial
/// device (Heartbeat starting) and keeps it until its kernel exits, so "open" is "someone on that node listens on the
/// line". Processes whose descriptors this process may not read are not seen (the harness runs UML as itself).
/// Not thread-safe: the relay drains it under its lock.
/// </summary>
internal sealed unsafe class PortOpenWatch : IDisposable
{
    private const uint Events = Libc.IN_OPEN | Libc.IN_CLOSE_WRITE | Libc.IN_CLOSE_NOWRITE;

    private readonly int[] _watches;
    private readonly (ulong Device, ulong Inode)[] _slaves;
    private readonly int[] _spares;
    private readonly bool[] _open;
    private readonly byte[] _buffer = new byte[4096];

    /// <summary>Watches each slave (by index); <paramref name="ports"/> name its path and the relay's own spare descriptor on it.</summary>
    public PortOpenWatch(params (string SlavePath, int SpareFd)[] ports)
    {
        _slaves = ports.Select(p => Libc.FileIdentity(p.SlavePath) is { } id ? (id.Device, id.Inode)
            : throw new IOException($"the pty slave {p.SlavePath} does not exist")).ToArray();
        _spares = ports.Select(p => p.SpareFd).ToArray();
        _open = new bool[ports.Length];
        Fd = Libc.Inotify();
        try
        {
            _watches = ports.Select(p => Libc.InotifyAddWatch(Fd, p.SlavePath, Events)).ToArray();
        }
        catch
        {
            Libc.Close(Fd);
            throw;
        }
    }

    /// <summary>The inotify descriptor (poll it for POLLIN).</summary>
    public int Fd { get; private set; }

    /// <summary>True when someone other than the relay has port <paramref name="index"/> open.</summary>
    public bool IsOpen(int index) => _open[index];

    /// <summary>
    /// Reads every pending event and returns the ports that nobody has open any more since the last call (their receive
    /// buffers are to be discarded, as a tty's last close does).
    /// </summary>
    public IReadOnlyList<int> Drain()
    {
        // Per port, the last event of the batch: true open, false close, null none.
        var last = new bool?[_open.Length];
        var overflow = false;
        while (true)
        {
            nint n;
            fixed (byte* p = _buffer) n = Libc.Read(Fd, p, _buffer.Length);
            if (n <= 0) break; // EAGAIN: nothing more
            for (var at = 0; at + Libc.InotifyEventHeader <= n;)
            {
                var wd = BitConverter.ToInt32(_buffer, at);
                var mask = BitConverter.ToUInt32(_buffer, at + 4);
                at += Libc.InotifyEventHeader + BitConverter.ToInt32(_buffer, at + 12);
                if ((mask & Libc.IN_Q_OVERFLOW) != 0) overflow = true;
                var i = Array.IndexOf(_watches, wd);
                if (i < 0) continue;
                if ((mask & Libc.IN_OPEN) != 0) last[i] = true;
                if ((mask & (Libc.IN_CLOSE_WRITE | Libc.IN_CLOSE_NOWRITE)) != 0) last[i] = false;
            }
        }

        var check = Enumerable.Range(0, _open.Length).Where(i => last[i] == false || (overflow && last[i] is null)).ToArray();
        var held = check.Length > 0 ? Openers(check) : [];
        List<int>? nowClosed = null;
        for (var i = 0; i < _open.Length; i++)
        {
            var open = last[i] == true || (check.Contains(i) ? held.Contains(i) : _open[i]);
            if (_open[i] && !open) (nowClosed ??= []).Add(i);
            _open[i] = open;
        }

        return nowClosed ?? (IReadOnlyList<int>)[];
    }

    /// <summary>Closes the inotify descriptor (idempotent).</summary>
    public void Dispose()
    {
        Libc.Close(Fd);
        Fd = -1;
    }

    /// <summary>Which of <paramref name="ports"/> some process holds open (the relay's spare descriptors excepted).</summary>
    private HashSet<int> Openers(int[] ports)
    {
        var held = new HashSet<int>();
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(process);
            if (pid.Length == 0 || !char.IsAsciiDigit(pid[0])) continue;
            foreach (var fd in Descriptors(process))
            {
                if (Identity(fd) is not { } id) continue;
                foreach (var i in ports)
                    if (_slaves[i] == id && !(pid == self && Path.GetFileName(fd) == _spares[i].ToString(CultureInfo.InvariantCulture)))
                        held.Add(i);
            }

            if (held.Count == ports.Length) break;
        }

        return held;
    }

    /// <summary>A process's descriptor links; none when it exited or they are not ours to read.</summary>
    private static string[] Descriptors(string process)
    {
        try
        {
            return Directory.GetFileSystemEntries(Path.Combine(process, "fd"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The file a descriptor link leads to; null when it was closed meanwhile or cannot be read.</summary>
    private static (ulong Device, ulong Inode)? Identity(string fdLink)
    {
        try
        {
            return Libc.FileIdentity(fdLink) is { } id ? (id.Device, id.Inode) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
