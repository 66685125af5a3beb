using System.Globalization;
using System.Threading.Channels;
using SanChaos.Core.Errors;
using SanChaos.Labs.Streaming;

namespace SanChaos.Observers.Capture;

/// <summary>
/// A capture on a remote capture host: <c>tcpdump -U -w -</c> started through <see cref="Labs.IStreamingNode.Start"/>
/// with binary output, read with <see cref="PcapReader"/>. It counts as open once tcpdump's pcap header arrived (the
/// device is open and the filter set). Stopping closes the stream: the node kills tcpdump, which flushes and prints its
/// counters on standard error.
/// </summary>
internal sealed class TcpdumpPacketSource : IPacketSource
{
    private readonly CapturePoint _point;
    private readonly CaptureOptions _options;
    private readonly Channel<CapturedFrame> _frames =
        Channel.CreateUnbounded<CapturedFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private IRemoteStream? _stream;
    private Task<string?>? _pump;
    private SourceStats? _stats;

    public TcpdumpPacketSource(CapturePoint point, CaptureOptions options)
    {
        _point = point.Host is not null ? point : throw new ArgumentException("a local capture point needs the live source", nameof(point));
        _options = options;
    }

    public ChannelReader<CapturedFrame> Frames => _frames.Reader;

    /// <summary>The command run on the capture host.</summary>
    public string Command => Build(_point, _options);

    /// <summary>The tcpdump command line for <paramref name="point"/>: packet-buffered pcap on standard output.</summary>
    internal static string Build(CapturePoint point, CaptureOptions options) =>
        string.Create(CultureInfo.InvariantCulture,
            $"exec {options.Tcpdump} -i {point.Interface} -U -w - -s {options.SnapLength} -B {Math.Max(1, options.BufferBytes / 1024)} --immediate-mode{(options.Promiscuous ? "" : " -p")} {Quote(options.Filter)}");

    public async Task StartAsync(CancellationToken ct)
    {
        if (_stream is not null) throw new InvalidOperationException($"the capture on {_point} was already started");
        _stream = _point.Host!.Start(Command, new RemoteStreamOptions { Binary = true });
        var output = _stream.Output;
        if (output is null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            throw new SanChaosException($"The capture on {_point}: node {_point.Host.Name} cannot stream binary output.",
                "use a node whose streams support RemoteStreamOptions.Binary (SshNode does).");
        }

        var reader = new PcapReader(output);
        try
        {
            using var open = CancellationTokenSource.CreateLinkedTokenSource(ct);
            open.CancelAfter(_options.OpenTimeout);
            await reader.ReadHeaderAsync(open.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or OperationCanceledException)
        {
            var stderr = await StopStreamAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && ct.IsCancellationRequested) throw;
            throw new SanChaosException(
                $"The capture on {_point} did not start: `{Command}` gave {(e is InvalidDataException ? e.Message : $"no pcap header within {_options.OpenTimeout.TotalSeconds:0.#} s")}. Its error output: {stderr.Trim()}",
                $"check on {_point.Host.Name} that tcpdump is installed and the interface exists (`ip link show {_point.Interface}`).");
        }

        if (reader.LinkType != PcapFormat.LinkTypeEthernet)
        {
            await StopStreamAsync().ConfigureAwait(false);
            throw new SanChaosException($"The capture on {_point} is not Ethernet (link type {reader.LinkType}).", "capture on an Ethernet interface.");
        }

        _pump = PumpAsync(reader);
    }

    private async Task<string?> PumpAsync(PcapReader reader)
    {
        try
        {
            await foreach (var f in reader.ReadAllAsync().ConfigureAwait(false)) _frames.Writer.TryWrite(f);
            return null; // a record cut off by the kill is the end of the capture, not an error
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    public async Task<SourceStats> StopAsync(CancellationToken ct)
    {
        if (_stats is { } done) return done;
        if (_stream is null || _pump is null) return new SourceStats(null, null, null, "never started");
        var stderr = await StopStreamAsync().ConfigureAwait(false);
        string? error;
        try
        {
            error = await _pump.WaitAsync(_options.StopTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _frames.Writer.TryComplete();
            error = $"the pcap stream did not end within {_options.StopTimeout.TotalSeconds:0.#} s of closing it";
        }

        var (received, dropped, ifDropped) = TcpdumpStats.Parse(stderr);
        _stats = new SourceStats(received, dropped, ifDropped, error);
        return _stats.Value;
    }

    /// <summary>Closes the stream (the node kills tcpdump) and returns tcpdump's standard error.</summary>
    private async Task<string> StopStreamAsync()
    {
        if (_stream is null) return "";
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            return (await _stream.Completion.ConfigureAwait(false)).StandardError;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            return "";
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
