using System.Net;
using System.Net.Sockets;

namespace SanChaos.Labs.Serial;

/// <summary>
/// The null-modem cable between two virtual machines whose serial ports are TCP servers on this machine (VirtualBox's
/// <c>--uartmode tcpserver</c>, a QEMU socket chardev): the relay connects to both ports and copies the bytes each VM
/// sends to the other, unchanged.
/// <para>
/// Like a real cable it buffers nothing: bytes toward a VM whose port is not connected (powered off, still booting)
/// are dropped (<see cref="SerialDirectionCounters.DroppedOff"/>), and so are bytes the VM's socket does not take at
/// once because it stopped reading (<see cref="SerialDirectionCounters.DroppedOverrun"/>): writes never block, so one
/// stuck side never stalls the other direction. A side whose connection ends (the VM lost power) is connected again
/// every <see cref="RetryInterval"/> until its VM listens again.
/// </para>
/// <para>
/// Pulling the cable (<see cref="Pull"/>) drops every byte read from either side until <see cref="Plug"/>. Thread-safe;
/// <see cref="Pull"/>, <see cref="Plug"/> and <see cref="DisposeAsync"/> are idempotent.
/// </para>
/// </summary>
public sealed class TcpSerialRelay : IAsyncDisposable
{
    /// <summary>How long to wait between attempts to connect a side whose VM does not listen (yet). 250 ms.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);

    private const int ChunkBytes = 4096;

    private readonly Lock _gate = new();
    private readonly Side _a;
    private readonly Side _b;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private volatile bool _plugged = true;
    private volatile string? _failure;
    private int _disposed;
    private long _fwdAB, _fwdBA, _pulledAB, _pulledBA, _overflowAB, _overflowBA, _offAB, _offBA;

    private TcpSerialRelay(Side a, Side b)
    {
        _a = a;
        _b = b;
        _loops = [Task.Run(() => RunAsync(_a, _b, aToB: true)), Task.Run(() => RunAsync(_b, _a, aToB: false))];
    }

    /// <summary>Starts relaying between the serial ports of two VMs (the cable starts plugged).</summary>
    /// <param name="endA">Name of the VM on end A (e.g. "otter"); used in counters and messages.</param>
    /// <param name="portA">Where end A's serial port listens, e.g. 127.0.0.1:47101.</param>
    /// <param name="endB">Name of the VM on end B (e.g. "weasel"); must differ from <paramref name="endA"/>.</param>
    /// <param name="portB">Where end B's serial port listens.</param>
    /// <returns>The running relay; dispose it to close both connections.</returns>
    public static TcpSerialRelay Start(string endA, IPEndPoint portA, string endB, IPEndPoint portB)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endA);
        ArgumentException.ThrowIfNullOrWhiteSpace(endB);
        ArgumentNullException.ThrowIfNull(portA);
        ArgumentNullException.ThrowIfNull(portB);
        if (string.Equals(endA, endB, StringComparison.Ordinal))
            throw new ArgumentException($"The two ends of a serial cable need different names; both are \"{endA}\".", nameof(endB));
        return new TcpSerialRelay(new Side(endA, portA), new Side(endB, portB));
    }

    /// <summary>Name of end A.</summary>
    public string EndA => _a.Name;

    /// <summary>Name of end B.</summary>
    public string EndB => _b.Name;

    /// <summary>True while bytes are carried; false after <see cref="Pull"/>.</summary>
    public bool IsPlugged => _plugged;

    /// <summary>True while both relay loops run (false after <see cref="DisposeAsync"/> or a <see cref="Failure"/>).</summary>
    public bool IsRunning => _failure is null && Volatile.Read(ref _disposed) == 0 && _loops.All(l => !l.IsCompleted);

    /// <summary>Why a relay loop stopped on its own (an unexpected error), or null.</summary>
    public string? Failure => _failure;

    /// <summary>A snapshot of bytes forwarded and dropped per direction (not paced: <see cref="SerialRelayCounters.Baud"/> is 0).</summary>
    public SerialRelayCounters Counters
    {
        get
        {
            lock (_gate)
                return new SerialRelayCounters(EndA, EndB,
                    new SerialDirectionCounters(_fwdAB, _pulledAB, _offAB, 0, _overflowAB, 0),
                    new SerialDirectionCounters(_fwdBA, _pulledBA, _offBA, 0, _overflowBA, 0));
        }
    }

    /// <summary>True while the relay holds a connection to the serial port of the VM named <paramref name="end"/>.</summary>
    /// <exception cref="ArgumentException">No end has that name.</exception>
    public bool IsConnected(string end) => SideOf(end).Socket is not null;

    /// <summary>Pulls the cable: from now on bytes from either VM are read and dropped. Idempotent.</summary>
    public void Pull()
    {
        lock (_gate) _plugged = false;
    }

    /// <summary>Plugs the cable back in: bytes read from now on are carried again. Idempotent.</summary>
    public void Plug()
    {
        lock (_gate) _plugged = true;
    }

    /// <summary>Stops both loops and closes both connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _a.Close();
        _b.Close();
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"serial cable {EndA} ({_a.Endpoint}) <-> {EndB} ({_b.Endpoint}), {(IsPlugged ? "plugged" : "pulled")}";

    private Side SideOf(string end) =>
        string.Equals(end, _a.Name, StringComparison.Ordinal) ? _a
        : string.Equals(end, _b.Name, StringComparison.Ordinal) ? _b
        : throw new ArgumentException($"This serial cable joins \"{EndA}\" and \"{EndB}\"; it has no end \"{end}\".", nameof(end));

    /// <summary>Connects to <paramref name="from"/>'s port (again whenever it closes) and forwards what it reads.</summary>
    private async Task RunAsync(Side from, Side to, bool aToB)
    {
        var ct = _stop.Token;
        var buffer = new byte[ChunkBytes];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var socket = await from.ConnectAsync(ct).ConfigureAwait(false);
                if (socket is not null)
                {
                    try
                    {
                        int n;
                        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false)) > 0)
                            Forward(buffer.AsSpan(0, n), to, aToB);
                    }
                    catch (SocketException)
                    {
                        // The VM closed its port (powered off): connect again below.
                    }
                    catch (ObjectDisposedException) when (ct.IsCancellationRequested)
                    {
                        return;
                    }
                    finally
                    {
                        from.Disconnect(socket);
                    }
                }

                await Task.Delay(RetryInterval, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // disposed
        }
        catch (Exception e)
        {
            _failure = $"serial relay {EndA}<->{EndB} stopped reading {from.Name} ({from.Endpoint}): {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Writes what <paramref name="to"/>'s socket takes at once; counts the rest as dropped.</summary>
    private void Forward(ReadOnlySpan<byte> data, Side to, bool aToB)
    {
        lock (_gate)
        {
            if (!_plugged)
            {
                if (aToB) _pulledAB += data.Length;
                else _pulledBA += data.Length;
                return;
            }

            var socket = to.Socket;
            if (socket is null)
            {
                if (aToB) _offAB += data.Length;
                else _offBA += data.Length;
                return;
            }

            var sent = 0;
            try
            {
                sent = socket.Send(data, SocketFlags.None, out var error);
                if (error != SocketError.Success) sent = 0; // WouldBlock (not reading) or a closing connection: dropped.
            }
            catch (ObjectDisposedException)
            {
                // Closed between the read of Socket and the send: dropped like the rest.
            }

            if (aToB)
            {
                _fwdAB += sent;
                _overflowAB += data.Length - sent;
            }
            else
            {
                _fwdBA += sent;
                _overflowBA += data.Length - sent;
            }
        }
    }

    /// <summary>One end: the VM's serial port and the connection to it, if any.</summary>
    private sealed class Side(string name, IPEndPoint endpoint)
    {
        private volatile Socket? _socket;

        public string Name { get; } = name;

        public IPEndPoint Endpoint { get; } = endpoint;

        public Socket? Socket => _socket;

        /// <summary>One attempt to connect; null when the VM does not listen.</summary>
        public async Task<Socket?> ConnectAsync(CancellationToken ct)
        {
            var socket = new Socket(Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                await socket.ConnectAsync(Endpoint, attempt.Token).ConfigureAwait(false);
                // Sends never block: a VM that stopped reading gets nothing more (see Forward). Receives stay asynchronous.
                socket.Blocking = false;
                _socket = socket;
                return socket;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                socket.Dispose();
                return null;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public void Disconnect(Socket socket)
        {
            Interlocked.CompareExchange(ref _socket, null, socket);
            socket.Dispose();
        }

        public void Close() => _socket?.Dispose();
    }
}
