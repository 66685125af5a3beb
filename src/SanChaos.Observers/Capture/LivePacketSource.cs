using System.Threading.Channels;
using SanChaos.Core.Errors;
using SharpPcap;
using SharpPcap.LibPcap;

namespace SanChaos.Observers.Capture;

/// <summary>
/// A live capture with SharpPcap on an interface of this machine. One dedicated thread does everything that touches the
/// device: it enters the point's network namespace (setns, that thread only), looks the interface up in a device list it
/// takes there (never the cached one taken in the root namespace), opens it (promiscuous, immediate mode, microsecond
/// timestamps, kernel buffer), attaches the kernel BPF filter, then sleeps in poll(2) on the device and an eventfd,
/// reading (non-blocking) whatever arrived, until stopped; it then waits one read timeout more, drains what is queued,
/// reads pcap_stats, drains once more (so every frame the kernel counted is written) and closes. The thread then ends, so the namespace it entered goes with it.
/// </summary>
internal sealed class LivePacketSource : IPacketSource
{
    private readonly CapturePoint _point;
    private readonly CaptureOptions _options;
    private readonly Channel<CapturedFrame> _frames =
        Channel.CreateUnbounded<CapturedFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SourceStats> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _wakeGate = new();
    private int _wake = -1;
    private volatile bool _stopping;
    private Thread? _thread;

    public LivePacketSource(CapturePoint point, CaptureOptions options)
    {
        if (point.Host is not null) throw new ArgumentException("a remote capture point needs the tcpdump source", nameof(point));
        _point = point;
        _options = options;
    }

    public ChannelReader<CapturedFrame> Frames => _frames.Reader;

    /// <summary>The kernel thread id of the capture thread once it runs (tests check its namespace against the others').</summary>
    public int? CaptureThreadId { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        if (_thread is not null) throw new InvalidOperationException($"the capture on {_point} was already started");
        _wake = PollNative.EventFd();
        _thread = new Thread(Run) { IsBackground = true, Name = "capture " + _point.Network };
        _thread.Start();
        try
        {
            await _opened.Task.WaitAsync(_options.OpenTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _stopping = true;
            Wake();
            throw new SanChaosException($"The capture on {_point} did not open within {_options.OpenTimeout.TotalSeconds:0.#} s.",
                "check that the interface exists and is up (`ip -n NAMESPACE link`), and that libpcap is installed (apt-get install libpcap0.8).");
        }
    }

    public async Task<SourceStats> StopAsync(CancellationToken ct)
    {
        _stopping = true;
        Wake();
        if (_thread is null) return new SourceStats(null, null, null, "never started");
        try
        {
            return await _finished.Task.WaitAsync(_options.StopTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _frames.Writer.TryComplete();
            return new SourceStats(null, null, null, $"the capture thread did not stop within {_options.StopTimeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Wakes the capture thread's poll; a no-op once the thread closed its eventfd (its number may be reused).</summary>
    private void Wake()
    {
        lock (_wakeGate)
            if (_wake >= 0) PollNative.Signal(_wake);
    }

    private void Run()
    {
        PollableDevice? device = null;
        var stats = new SourceStats(null, null, null, null);
        try
        {
            if (_point.Namespace is { } ns) Netns.EnterOnThisThread(ns);
            CaptureThreadId = Netns.CurrentThreadId();
            device = Open();
            var ifDrops0 = ProcNetDev.RxDropped(_point.Interface);
            _opened.TrySetResult();
            var error = Loop(device);
            var ifDrops = ProcNetDev.RxDropped(_point.Interface) - ifDrops0;
            stats = ReadStats(device, ifDrops, error);
            // Frames the kernel counted before pcap_stats but queued after the last drain: read them too, so every
            // frame in "received" is also in the file (received <= written).
            if (stats.Error is null && Drain(device) is { } late) stats = stats with { Error = late };
        }
        catch (Exception e)
        {
            var error = e is SanChaosException or PcapException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            if (!_opened.TrySetException(e)) stats = stats with { Error = error };
        }
        finally
        {
            try
            {
                device?.Close();
            }
            catch (Exception e) when (e is PcapException or InvalidOperationException)
            {
                // Closing a device that failed: nothing more to say than the error already recorded.
            }

            _frames.Writer.TryComplete();
            lock (_wakeGate)
            {
                PollNative.Close(_wake);
                _wake = -1;
            }

            _finished.TrySetResult(stats);
        }
    }

    private PollableDevice Open()
    {
        // A device list taken here, on this thread, after setns: getifaddrs(3) answers for this thread's namespace.
        var interfaces = PcapInterface.GetAllPcapInterfaces();
        var pi = interfaces.FirstOrDefault(i => i.Name == _point.Interface)
            ?? throw new SanChaosException(
                $"The capture on {_point}: there is no interface '{_point.Interface}' there (libpcap sees: {string.Join(", ", interfaces.Select(i => i.Name))}).",
                _point.Namespace is { } ns ? $"`ip -n {ns} link` lists what the namespace holds; is the lab up?" : "`ip link` lists this machine's interfaces.");
        var device = new PollableDevice(pi);
        var problems = new List<string>();
        var config = new DeviceConfiguration
        {
            Mode = _options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
            ReadTimeout = (int)Math.Max(1, _options.ReadTimeout.TotalMilliseconds),
            Snaplen = _options.SnapLength,
            Immediate = true,
            BufferSize = _options.BufferBytes,
            TimestampResolution = TimestampResolution.Microsecond,
        };
        config.ConfigurationFailed += (_, e) => problems.Add($"{e.Property}: {e.Message}");
        try
        {
            device.Open(config);
            if (problems.Count > 0)
                throw new SanChaosException($"The capture on {_point} could not set {string.Join("; ", problems)}.",
                    "use libpcap 1.5 or later (Debian: libpcap0.8).");
            device.Filter = _options.Filter;
            device.NonBlockingMode = true;
        }
        catch (PcapException e)
        {
            device.Close();
            throw new SanChaosException($"The capture on {_point} could not be opened with filter '{_options.Filter}': {e.Message}",
                "the harness must run as root (CAP_NET_RAW), and the filter must be pcap-filter syntax (`tcpdump -d 'FILTER'` checks it).", e);
        }

        return device;
    }

    /// <summary>
    /// Reads until stopped, then once more after one read timeout (a kernel block of TPACKET_V3 is handed over at the
    /// latest then) until the queue is empty. Returns an error text when reading failed.
    /// </summary>
    private string? Loop(PollableDevice device)
    {
        var timeout = (int)Math.Max(1, _options.ReadTimeout.TotalMilliseconds);
        while (true)
        {
            if (Drain(device) is { } error) return error;
            if (_stopping)
            {
                PollNative.WaitReadable(device.Descriptor, -1, timeout);
                return Drain(device);
            }

            PollNative.WaitReadable(device.Descriptor, _wake, timeout);
        }
    }

    /// <summary>Reads every frame queued now (the device is non-blocking). Returns an error text, or null.</summary>
    private string? Drain(PollableDevice device)
    {
        var header = IntPtr.Zero;
        var data = IntPtr.Zero;
        while (true)
        {
            switch (device.GetNextPacketPointers(ref header, ref data))
            {
                case 1:
                    _frames.Writer.TryWrite(Copy(header, data));
                    break;
                case 0 or -2:
                    return null;
                default:
                    return $"reading failed: {device.LastError}";
            }
        }
    }

    private static CapturedFrame Copy(IntPtr header, IntPtr data)
    {
        var h = PcapHeader.FromPointer(header, TimestampResolution.Microsecond);
        var bytes = new byte[h.CaptureLength];
        System.Runtime.InteropServices.Marshal.Copy(data, bytes, 0, bytes.Length);
        var nanos = (long)h.Timeval.Seconds * 1_000_000_000L + (long)h.Timeval.MicroSeconds * 1000L;
        return new CapturedFrame(nanos, bytes, (int)h.PacketLength);
    }

    private static SourceStats ReadStats(PollableDevice device, long? ifDrops, string? error)
    {
        try
        {
            var s = device.Statistics;
            return new SourceStats(s.ReceivedPackets, s.DroppedPackets, ifDrops, error);
        }
        catch (PcapException e)
        {
            return new SourceStats(null, null, ifDrops, error ?? $"pcap_stats failed: {e.Message}");
        }
    }
}
