using SanChaos.Labs.Native;

namespace SanChaos.Labs.Serial;

/// <summary>
/// The null-modem cable between two nodes of the embedded lab, carried by the host.
/// <para>
/// The relay owns two pty pairs, one per end. Each node is attached to its end's slave
/// (<see cref="SlavePathA"/>, <see cref="SlavePathB"/>; UML: <c>ssl1=tty:/dev/pts/N</c>) and the relay copies
/// bytes between the two masters on one background thread that polls both. It keeps a spare descriptor open on
/// each slave, so a node that powers off and boots again finds the same line (no hang-up, same raw settings).
/// Both sides are raw (cfmakeraw: no echo, no CR/NL mapping, no flow control): the cable carries bytes
/// unchanged.
/// </para>
/// <para>
/// Like a real cable it buffers nothing on the host: bytes toward a node that is not reading them (down,
/// frozen, or no longer reading its port) are dropped once that node's queue holds
/// <see cref="QueueLimitBytes"/> bytes, and writes never block, so one stuck side never stalls the other
/// direction. Call <see cref="FlushSide"/> before a node boots so it does not read stale packets that were
/// queued while it was down (Heartbeat reports those as an "attempted replay attack").
/// </para>
/// <para>
/// Start the relay before the nodes (the slave paths must exist when UML opens them) and dispose it after
/// them, at lab teardown. Thread-safe. <see cref="Pull"/>, <see cref="Plug"/>, <see cref="FlushSide"/> and
/// <see cref="Dispose"/> are idempotent.
/// </para>
/// </summary>
public sealed class SerialRelay : IDisposable
{
    /// <summary>Default for <see cref="QueueLimitBytes"/>: a few Heartbeat packets; a stale backlog stays small.</summary>
    public const int DefaultQueueLimitBytes = 1024;

    private const int ChunkBytes = 4096;

    /// <summary>
    /// Bytes left unread toward a node for this long are dropped (<see cref="SerialRelayCounters.ExpiredTowardA"/>): a
    /// UART nobody reads keeps nothing, so a node that boots, or whose Heartbeat has not opened the port yet, never gets a
    /// stale backlog ending in half a frame (which made its peer log "failed authentication" after a power cycle).
    /// </summary>
    public static readonly TimeSpan UnreadExpiry = TimeSpan.FromSeconds(1);

    private const int TickMilliseconds = 200;

    private readonly Lock _gate = new();
    private readonly PtyPair _a;
    private readonly PtyPair _b;
    private readonly int _wakeFd;
    private readonly Thread _thread;
    private volatile bool _plugged = true;
    private volatile bool _stopping;
    private volatile string? _failure;
    private bool _disposed;
    private long _fwdAB, _fwdBA, _pulledAB, _pulledBA, _overflowAB, _overflowBA, _flushedA, _flushedB;
    private long _offAB, _offBA, _expiredA, _expiredB;
    private bool _poweredA = true, _poweredB = true;
    private (int Queued, long Since) _unreadA, _unreadB;

    private SerialRelay(string endA, string endB, int queueLimitBytes, PtyPair a, PtyPair b, int wakeFd)
    {
        EndA = endA;
        EndB = endB;
        QueueLimitBytes = queueLimitBytes;
        _a = a;
        _b = b;
        _wakeFd = wakeFd;
        _thread = new Thread(Run) { IsBackground = true, Name = $"serial relay {endA}<->{endB}" };
    }

    /// <summary>
    /// Allocates the two pty pairs, puts them in raw mode and starts copying (the cable starts plugged).
    /// </summary>
    /// <param name="endA">Name of the node on end A (e.g. "otter"); used by <see cref="FlushSide"/> and in counters.</param>
    /// <param name="endB">Name of the node on end B (e.g. "weasel"); must differ from <paramref name="endA"/>.</param>
    /// <param name="queueLimitBytes">
    /// Most bytes left waiting for a node that is not reading; more is dropped. Default
    /// <see cref="DefaultQueueLimitBytes"/> (1024). Must be between 1 and 65536.
    /// </param>
    /// <returns>The running relay; dispose it to close every descriptor.</returns>
    public static SerialRelay Start(string endA, string endB, int queueLimitBytes = DefaultQueueLimitBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endA);
        ArgumentException.ThrowIfNullOrWhiteSpace(endB);
        if (string.Equals(endA, endB, StringComparison.Ordinal))
            throw new ArgumentException($"The two ends of a serial cable need different names; both are \"{endA}\".", nameof(endB));
        ArgumentOutOfRangeException.ThrowIfLessThan(queueLimitBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queueLimitBytes, 65536);

        Libc.EnsureSupported();
        PtyPair? a = null, b = null;
        var wake = -1;
        try
        {
            a = PtyPair.Open();
            b = PtyPair.Open();
            wake = Libc.EventFd();
            var relay = new SerialRelay(endA, endB, queueLimitBytes, a, b, wake);
            relay._thread.Start();
            return relay;
        }
        catch
        {
            a?.Dispose();
            b?.Dispose();
            Libc.Close(wake);
            throw;
        }
    }

    /// <summary>Name of end A.</summary>
    public string EndA { get; }

    /// <summary>Name of end B.</summary>
    public string EndB { get; }

    /// <summary>The pty slave end A's node opens (e.g. <c>/dev/pts/3</c>).</summary>
    public string SlavePathA => _a.SlavePath;

    /// <summary>The pty slave end B's node opens.</summary>
    public string SlavePathB => _b.SlavePath;

    /// <summary>Most bytes left waiting for a node that is not reading; beyond that bytes toward it are dropped.</summary>
    public int QueueLimitBytes { get; }

    /// <summary>True while bytes are carried; false after <see cref="Pull"/>.</summary>
    public bool IsPlugged => _plugged;

    /// <summary>True while the relay thread runs (false after <see cref="Dispose"/> or a <see cref="Failure"/>).</summary>
    public bool IsRunning => _thread.IsAlive && !_stopping && _failure is null;

    /// <summary>Why the relay thread stopped on its own (an unexpected libc error), or null.</summary>
    public string? Failure => _failure;

    /// <summary>A snapshot of bytes forwarded, dropped and flushed per direction.</summary>
    public SerialRelayCounters Counters
    {
        get
        {
            lock (_gate)
                return new SerialRelayCounters(EndA, EndB, _fwdAB, _fwdBA, _pulledAB, _pulledBA, _overflowAB, _overflowBA, _flushedA, _flushedB)
                {
                    DroppedOffAToB = _offAB, DroppedOffBToA = _offBA, ExpiredTowardA = _expiredA, ExpiredTowardB = _expiredB,
                };
        }
    }

    /// <summary>The slave path of the end named <paramref name="endName"/>.</summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public string SlavePathOf(string endName) => Side(endName).SlavePath;

    /// <summary>Pulls the cable: from now on bytes from either node are read and dropped. Idempotent.</summary>
    public void Pull()
    {
        lock (_gate) _plugged = false;
    }

    /// <summary>Plugs the cable back in: bytes read from now on are carried again. Idempotent.</summary>
    public void Plug()
    {
        lock (_gate) _plugged = true;
    }

    /// <summary>
    /// Discards every byte queued toward the node on <paramref name="endName"/> that it has not read, and puts
    /// its line back in raw mode. Call it before that node boots. Bytes the relay reads afterwards are carried
    /// as usual.
    /// </summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public void FlushSide(string endName)
    {
        var side = Side(endName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var queued = side.QueuedTowardSlave();
            side.MakeRaw();
            side.FlushTowardSlave();
            if (ReferenceEquals(side, _a)) _flushedA += queued;
            else _flushedB += queued;
        }
    }

    /// <summary>
    /// The node on <paramref name="endName"/> lost or got back its power. While it is off, bytes toward it are dropped
    /// (<see cref="SerialRelayCounters.DroppedOffAToB"/>), and what was queued for it is flushed now: a UART without power
    /// receives nothing. Idempotent.
    /// </summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public void SetPowered(string endName, bool powered)
    {
        var side = Side(endName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (ReferenceEquals(side, _a)) _poweredA = powered;
            else _poweredB = powered;
        }

        if (!powered) FlushSide(endName);
    }

    /// <summary>Bytes waiting for the node on <paramref name="endName"/> (written toward it, not read yet).</summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public int QueuedToward(string endName)
    {
        var side = Side(endName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return side.QueuedTowardSlave();
        }
    }

    /// <summary>Stops the relay thread and closes every descriptor. Nodes still attached see their line hang up.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stopping = true;
        }

        Libc.Signal(_wakeFd);
        if (_thread.IsAlive) _thread.Join();
        _a.Dispose();
        _b.Dispose();
        Libc.Close(_wakeFd);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"serial cable {EndA} ({SlavePathA}) <-> {EndB} ({SlavePathB}), {(IsPlugged ? "plugged" : "pulled")}";

    private PtyPair Side(string endName)
    {
        if (string.Equals(endName, EndA, StringComparison.Ordinal)) return _a;
        if (string.Equals(endName, EndB, StringComparison.Ordinal)) return _b;
        throw new ArgumentException($"This serial cable joins \"{EndA}\" and \"{EndB}\"; it has no end \"{endName}\".", nameof(endName));
    }

    private unsafe void Run()
    {
        var buffer = new byte[ChunkBytes];
        var fds = stackalloc Libc.PollFd[3];
        fds[0] = new Libc.PollFd { Fd = _a.MasterFd, Events = Libc.POLLIN };
        fds[1] = new Libc.PollFd { Fd = _b.MasterFd, Events = Libc.POLLIN };
        fds[2] = new Libc.PollFd { Fd = _wakeFd, Events = Libc.POLLIN };
        try
        {
            while (!_stopping)
            {
                for (var i = 0; i < 3; i++) fds[i].Revents = 0;
                if (Libc.Poll(fds, 3, TickMilliseconds) < 0)
                {
                    var (errno, text) = Libc.LastError();
                    if (errno == Libc.EINTR) continue;
                    Fail($"poll failed: {text} (errno {errno})");
                    return;
                }

                if (fds[2].Revents != 0) Libc.Drain(_wakeFd);
                if (_stopping) return;
                if (!Pump(fds[0].Revents, _a, _b, buffer, aToB: true)) return;
                if (!Pump(fds[1].Revents, _b, _a, buffer, aToB: false)) return;
                ExpireUnread();
            }
        }
        catch (Exception e)
        {
            Fail($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Moves one chunk from <paramref name="from"/>'s master toward <paramref name="to"/>'s node. False on a fatal error.</summary>
    private unsafe bool Pump(short revents, PtyPair from, PtyPair to, byte[] buffer, bool aToB)
    {
        if (revents == 0) return true;
        if ((revents & Libc.POLLNVAL) != 0)
        {
            Fail($"the master of {from.SlavePath} is no longer a valid descriptor");
            return false;
        }

        nint n;
        fixed (byte* p = buffer) n = Libc.Read(from.MasterFd, p, buffer.Length);
        if (n < 0)
        {
            var (errno, text) = Libc.LastError();
            if (errno is Libc.EAGAIN or Libc.EINTR) return true;
            // EIO: every slave descriptor is closed. Cannot happen while the spare one is open.
            Fail($"reading the master of {from.SlavePath} failed: {text} (errno {errno})");
            return false;
        }

        if (n == 0) return true;
        lock (_gate)
        {
            if (!_plugged)
            {
                if (aToB) _pulledAB += n;
                else _pulledBA += n;
                return true;
            }

            if (!(aToB ? _poweredB : _poweredA))
            {
                if (aToB) _offAB += n;
                else _offBA += n;
                return true;
            }

            // A real cable buffers nothing: write only what keeps the peer's unread queue under the limit,
            // never block, drop the rest.
            var room = QueueLimitBytes - to.QueuedTowardSlave();
            var want = (nint)Math.Clamp(room, 0, (int)n);
            nint written = 0;
            if (want > 0)
            {
                fixed (byte* p = buffer) written = Libc.Write(to.MasterFd, p, want);
                if (written < 0) written = 0; // EAGAIN (flip buffers full) or EIO: dropped like the rest.
            }

            if (aToB)
            {
                _fwdAB += written;
                _overflowAB += n - written;
            }
            else
            {
                _fwdBA += written;
                _overflowBA += n - written;
            }
        }

        return true;
    }

    /// <summary>Drops what a node left unread for <see cref="UnreadExpiry"/> (its queue did not shrink meanwhile).</summary>
    private void ExpireUnread()
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_disposed) return;
            _expiredA += Expire(_a, ref _unreadA, now);
            _expiredB += Expire(_b, ref _unreadB, now);
        }
    }

    private static int Expire(PtyPair side, ref (int Queued, long Since) unread, long now)
    {
        var queued = side.QueuedTowardSlave();
        if (queued == 0 || queued < unread.Queued)
        {
            unread = (queued, now);
            return 0;
        }

        if (queued > unread.Queued && unread.Queued == 0) unread = (queued, now);
        else if (queued > unread.Queued) unread = (queued, unread.Since);
        if (System.Diagnostics.Stopwatch.GetElapsedTime(unread.Since, now) < UnreadExpiry) return 0;
        side.FlushTowardSlave();
        unread = (0, now);
        return queued;
    }

    private void Fail(string why) => _failure = $"serial relay {EndA}<->{EndB} stopped: {why}";
}
