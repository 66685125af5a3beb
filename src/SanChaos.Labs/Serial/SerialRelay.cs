using SanChaos.Labs.Native;

namespace SanChaos.Labs.Serial;

/// <summary>
/// The null-modem cable between two nodes of the embedded lab, carried by the host like a cable and two UARTs would carry it.
/// <para>
/// The relay owns two pty pairs, one per end. Each node is attached to its end's slave (<see cref="SlavePathA"/>,
/// <see cref="SlavePathB"/>; UML: <c>ssl1=tty:/dev/pts/N</c>) and the relay moves bytes between the two masters on one
/// background thread. It keeps a spare descriptor open on each slave, so a node that powers off and boots again finds the
/// same line (no hang-up, same raw settings). Both sides are raw (cfmakeraw): the cable carries bytes unchanged.
/// </para>
/// <para>
/// Each direction carries at most the baud rate (<see cref="SerialRelayOptions.Baud"/>, 8N1: a tenth of it in bytes per
/// second, paced by a token bucket on <see cref="SerialRelayOptions.Time"/>). What a node writes faster waits in its own
/// port, as in a UART's transmit queue. A byte on the line is dropped only where a real line drops it, each reason
/// counted (<see cref="Counters"/>): the cable is pulled; the receiving node has no power; nobody on it has its port open
/// (a booting node, one whose Heartbeat has not opened the line yet: no stale packets reach it later); its receive buffer
/// (<see cref="SerialRelayOptions.ReceiveBufferBytes"/>) is full because nobody reads it (overrun: the new bytes are lost,
/// those waiting stay). Bytes in a receive buffer are discarded only when its node loses power or its last reader closes
/// the port, never while someone has it open, so a reader never finds a frame cut in its middle by the relay. A short write
/// to a pty keeps the rest of the chunk queued, in order, never dropped.
/// </para>
/// <para>
/// Start the relay before the nodes (the slave paths must exist when UML opens them) and dispose it after them, at lab
/// teardown. Thread-safe. <see cref="Pull"/>, <see cref="Plug"/>, <see cref="SetPowered"/> and <see cref="Dispose"/> are
/// idempotent.
/// </para>
/// </summary>
public sealed class SerialRelay : IDisposable
{
    private const int MaxSleepMilliseconds = 200;
    private const int PumpRounds = 8;

    private readonly Lock _gate = new();
    private readonly PtyRelayEnd _a;
    private readonly PtyRelayEnd _b;
    private readonly SerialLineDirection _aToB;
    private readonly SerialLineDirection _bToA;
    private readonly PortOpenWatch _openers;
    private readonly int _wakeFd;
    private readonly Thread _thread;
    private volatile bool _plugged = true;
    private volatile bool _stopping;
    private volatile string? _failure;
    private bool _disposed;
    private bool _poweredA = true, _poweredB = true;

    private SerialRelay(string endA, string endB, SerialRelayOptions options, PtyPair a, PtyPair b, PortOpenWatch openers, int wakeFd)
    {
        EndA = endA;
        EndB = endB;
        Options = options;
        _a = new PtyRelayEnd(a);
        _b = new PtyRelayEnd(b);
        _aToB = new SerialLineDirection(_a, _b, new BaudPacer(options.Baud, options.Time), options.ReceiveBufferBytes);
        _bToA = new SerialLineDirection(_b, _a, new BaudPacer(options.Baud, options.Time), options.ReceiveBufferBytes);
        _openers = openers;
        _wakeFd = wakeFd;
        _thread = new Thread(Run) { IsBackground = true, Name = $"serial relay {endA}<->{endB}" };
    }

    /// <summary>
    /// Allocates the two pty pairs, puts them in raw mode and starts carrying bytes (the cable starts plugged, both nodes
    /// powered, neither port open until a node opens it).
    /// </summary>
    /// <param name="endA">Name of the node on end A (e.g. "otter"); used by <see cref="SetPowered"/> and in counters.</param>
    /// <param name="endB">Name of the node on end B (e.g. "weasel"); must differ from <paramref name="endA"/>.</param>
    /// <param name="options">Baud rate (default 19200), receive buffer (default 4095 B) and clock; see <see cref="SerialRelayOptions"/>.</param>
    /// <returns>The running relay; dispose it to close every descriptor.</returns>
    public static SerialRelay Start(string endA, string endB, SerialRelayOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endA);
        ArgumentException.ThrowIfNullOrWhiteSpace(endB);
        if (string.Equals(endA, endB, StringComparison.Ordinal))
            throw new ArgumentException($"The two ends of a serial cable need different names; both are \"{endA}\".", nameof(endB));
        options ??= new SerialRelayOptions();
        options.Validate();

        Libc.EnsureSupported();
        PtyPair? a = null, b = null;
        PortOpenWatch? openers = null;
        var wake = -1;
        try
        {
            a = PtyPair.Open();
            b = PtyPair.Open();
            // After the spare descriptors: only the nodes' opens count.
            openers = new PortOpenWatch((a.SlavePath, a.SpareSlaveFd), (b.SlavePath, b.SpareSlaveFd));
            wake = Libc.EventFd();
            var relay = new SerialRelay(endA, endB, options, a, b, openers, wake);
            relay._thread.Start();
            return relay;
        }
        catch
        {
            openers?.Dispose();
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
    public string SlavePathA => _a.Pty.SlavePath;

    /// <summary>The pty slave end B's node opens.</summary>
    public string SlavePathB => _b.Pty.SlavePath;

    /// <summary>The baud rate, receive buffer size and clock it runs with.</summary>
    public SerialRelayOptions Options { get; }

    /// <summary>True while bytes are carried; false after <see cref="Pull"/>.</summary>
    public bool IsPlugged => _plugged;

    /// <summary>True while the relay thread runs (false after <see cref="Dispose"/> or a <see cref="Failure"/>).</summary>
    public bool IsRunning => _thread.IsAlive && !_stopping && _failure is null;

    /// <summary>Why the relay thread stopped on its own (an unexpected libc error), or null.</summary>
    public string? Failure => _failure;

    /// <summary>A snapshot of bytes forwarded, dropped (per reason) and flushed per direction, with the baud rate.</summary>
    public SerialRelayCounters Counters
    {
        get
        {
            lock (_gate) return new SerialRelayCounters(EndA, EndB, _aToB.Counters, _bToA.Counters) { Baud = Options.Baud };
        }
    }

    /// <summary>The slave path of the end named <paramref name="endName"/>.</summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public string SlavePathOf(string endName) => IsA(endName) ? SlavePathA : SlavePathB;

    /// <summary>Pulls the cable: from now on bytes from either node leave it and are dropped. Idempotent.</summary>
    public void Pull()
    {
        lock (_gate) _plugged = false;
    }

    /// <summary>Plugs the cable back in: bytes sent from now on are carried again. Idempotent.</summary>
    public void Plug()
    {
        lock (_gate) _plugged = true;
    }

    /// <summary>
    /// The node on <paramref name="endName"/> lost or got back its power. While it is off, bytes toward it are dropped
    /// (<see cref="SerialDirectionCounters.DroppedOff"/>). Losing power discards what waited in its receive buffer and what it
    /// had written but not sent (<see cref="SerialDirectionCounters.Flushed"/>; its kernel is gone, nobody has the port open),
    /// and puts its line back in raw mode for its next boot. Idempotent.
    /// </summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public void SetPowered(string endName, bool powered)
    {
        var isA = IsA(endName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ref var flag = ref isA ? ref _poweredA : ref _poweredB;
            if (flag == powered) return;
            flag = powered;
            if (!powered)
            {
                var (toward, from, end) = isA ? (_bToA, _aToB, _a) : (_aToB, _bToA, _b);
                toward.DiscardTowardReceiver();
                from.DiscardUnsent();
                end.Pty.MakeRaw();
            }
        }

        Libc.Signal(_wakeFd);
    }

    /// <summary>True while a process on the node at <paramref name="endName"/> has its end of the line open.</summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public bool IsPortOpen(string endName)
    {
        var isA = IsA(endName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _ = DrainOpeners();
            return _openers.IsOpen(isA ? 0 : 1);
        }
    }

    /// <summary>Bytes waiting in the receive buffer of the node on <paramref name="endName"/> (carried to it, not read yet).</summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public int QueuedToward(string endName)
    {
        var end = IsA(endName) ? _a : _b;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return end.Unread;
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
        _openers.Dispose();
        _a.Pty.Dispose();
        _b.Pty.Dispose();
        Libc.Close(_wakeFd);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"serial cable {EndA} ({SlavePathA}) <-> {EndB} ({SlavePathB}) at {Options.Baud} baud, {(IsPlugged ? "plugged" : "pulled")}";

    private bool IsA(string endName)
    {
        if (string.Equals(endName, EndA, StringComparison.Ordinal)) return true;
        if (string.Equals(endName, EndB, StringComparison.Ordinal)) return false;
        throw new ArgumentException($"This serial cable joins \"{EndA}\" and \"{EndB}\"; it has no end \"{endName}\".", nameof(endName));
    }

    /// <summary>Reads the open/close events; a port whose last reader closed it loses its unread bytes (a tty's last close).
    /// Under the lock.</summary>
    private int DrainOpeners()
    {
        var closed = _openers.Drain();
        foreach (var i in closed)
            if (i == 0 ? _poweredA : _poweredB)
                (i == 0 ? _bToA : _aToB).DiscardTowardReceiver();
        return closed.Count;
    }

    private LineConditions Toward(bool a) =>
        new(_plugged, a ? _poweredA : _poweredB, _openers.IsOpen(a ? 0 : 1));

    private unsafe void Run()
    {
        var fds = stackalloc Libc.PollFd[4];
        fds[0] = new Libc.PollFd { Fd = _a.Pty.MasterFd };
        fds[1] = new Libc.PollFd { Fd = _b.Pty.MasterFd };
        fds[2] = new Libc.PollFd { Fd = _wakeFd, Events = Libc.POLLIN };
        fds[3] = new Libc.PollFd { Fd = _openers.Fd, Events = Libc.POLLIN };
        try
        {
            while (!_stopping)
            {
                int timeout;
                lock (_gate)
                {
                    // Wake for a sender's bytes only when its direction may send, for a receiver's room only when bytes wait for it.
                    fds[0].Events = (short)((_aToB.WantsToTake ? Libc.POLLIN : 0) | (_bToA.Pending > 0 ? Libc.POLLOUT : 0));
                    fds[1].Events = (short)((_bToA.WantsToTake ? Libc.POLLIN : 0) | (_aToB.Pending > 0 ? Libc.POLLOUT : 0));
                    timeout = SleepMilliseconds(_aToB, _bToA);
                }

                for (var i = 0; i < 4; i++) fds[i].Revents = 0;
                if (Libc.Poll(fds, 4, timeout) < 0)
                {
                    var (errno, text) = Libc.LastError();
                    if (errno == Libc.EINTR) continue;
                    Fail($"poll failed: {text} (errno {errno})");
                    return;
                }

                if (fds[2].Revents != 0) Libc.Drain(_wakeFd);
                if (_stopping) return;
                for (var i = 0; i < 2; i++)
                    if ((fds[i].Revents & Libc.POLLNVAL) != 0)
                    {
                        Fail($"the master of {(i == 0 ? SlavePathA : SlavePathB)} is no longer a valid descriptor");
                        return;
                    }

                lock (_gate)
                {
                    if (_disposed) return;
                    DrainOpeners();
                    for (var round = 0; round < PumpRounds; round++)
                    {
                        var moved = _aToB.Pump(Toward(a: false));
                        moved |= _bToA.Pump(Toward(a: true));
                        if (!moved) break;
                    }
                }
            }
        }
        catch (Exception e)
        {
            Fail($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Until a direction that waits for credit may send again; the longest sleep when both wait for the nodes.</summary>
    private static int SleepMilliseconds(params ReadOnlySpan<SerialLineDirection> directions)
    {
        var sleep = MaxSleepMilliseconds;
        foreach (var d in directions)
            if (d.Pending == 0 && !d.WantsToTake)
                sleep = Math.Min(sleep, (int)Math.Ceiling(d.Wait.TotalMilliseconds));
        return Math.Clamp(sleep, 1, MaxSleepMilliseconds);
    }

    private void Fail(string why) => _failure = $"serial relay {EndA}<->{EndB} stopped: {why}";
}
