using System.Threading.Channels;

namespace SanChaos.Observers.Capture;

/// <summary>
/// One running capture: frames from a <see cref="CapturePoint"/> written to a pcap file and decoded as ARP, each
/// decoded frame handed to a callback. <see cref="CaptureObserver"/> runs one per storage network; tests and benches use
/// it directly. Start with <see cref="StartAsync"/>; <see cref="StopAsync"/> returns the counters (idempotent).
/// </summary>
public sealed class NetworkCapture : IAsyncDisposable
{
    private readonly IPacketSource _source;
    private readonly PcapFileWriter _writer;
    private readonly Action<ArpFrame>? _onArp;
    private readonly Lock _gate = new();
    private Task? _pump;
    private Task<CaptureStats>? _stop;
    private long _arp;
    private string? _pumpError;

    private NetworkCapture(CapturePoint point, CaptureOptions options, string file, Action<ArpFrame>? onArp)
    {
        Point = point;
        _source = point.Host is null ? new LivePacketSource(point, options) : new TcpdumpPacketSource(point, options);
        _onArp = onArp;
        _writer = new PcapFileWriter(file, options.SnapLength);
    }

    /// <summary>Where it listens.</summary>
    public CapturePoint Point { get; }

    /// <summary>The pcap file it writes.</summary>
    public string File => _writer.Path;

    /// <summary>The kernel id of the live capture thread (tests check which namespace it is in), or null.</summary>
    internal int? CaptureThreadId => (_source as LivePacketSource)?.CaptureThreadId;

    /// <summary>
    /// Opens <paramref name="point"/>, creating <paramref name="file"/>; returns once frames are captured. Throws a
    /// <see cref="Core.Errors.SanChaosException"/> saying why when the capture cannot open (the file then holds only its header).
    /// </summary>
    /// <param name="point">Where to listen.</param>
    /// <param name="file">The pcap file to write (created or truncated).</param>
    /// <param name="options">Filter, snap length, buffers; default <see cref="CaptureOptions"/>.</param>
    /// <param name="onArp">Called for every decoded ARP frame, in capture order, on a pool thread; may be null.</param>
    /// <param name="ct">Cancels opening.</param>
    public static async Task<NetworkCapture> StartAsync(CapturePoint point, string file, CaptureOptions? options = null,
        Action<ArpFrame>? onArp = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var capture = new NetworkCapture(point, options ?? new CaptureOptions(), file, onArp);
        try
        {
            await capture._source.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await capture._source.StopAsync(CancellationToken.None).ConfigureAwait(false);
            capture._writer.Dispose();
            throw;
        }

        capture._pump = Task.Run(() => capture.PumpAsync(capture._source.Frames));
        return capture;
    }

    private async Task PumpAsync(ChannelReader<CapturedFrame> frames)
    {
        await foreach (var f in frames.ReadAllAsync().ConfigureAwait(false))
        {
            if (_pumpError is null)
            {
                try
                {
                    _writer.Write(f);
                }
                catch (IOException e)
                {
                    _pumpError = $"writing {File} failed: {e.Message}";
                }
            }

            if (ArpDecoder.Decode(f, Point.Network) is not { } arp) continue;
            _arp++;
            try
            {
                _onArp?.Invoke(arp);
            }
            catch (Exception e)
            {
                _pumpError ??= $"handling an ARP frame failed: {e.GetType().Name}: {e.Message}";
            }
        }
    }

    /// <summary>Stops the capture, writes what was captured until then and returns the counters. Idempotent.</summary>
    public Task<CaptureStats> StopAsync(CancellationToken ct = default)
    {
        lock (_gate) return _stop ??= StopOnceAsync(ct);
    }

    private async Task<CaptureStats> StopOnceAsync(CancellationToken ct)
    {
        var s = await _source.StopAsync(ct).ConfigureAwait(false);
        if (_pump is not null) await _pump.ConfigureAwait(false);
        _writer.Dispose();
        return new CaptureStats(Point.Network, Point.ToString(), s.Received, s.Dropped, s.InterfaceDropped, _writer.Count,
            Interlocked.Read(ref _arp), File, s.Error ?? _pumpError);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
