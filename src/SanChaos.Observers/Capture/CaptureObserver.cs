using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Core.History;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Packet capture on the storage networks: one <see cref="NetworkCapture"/> per network (kernel filter <c>arp</c> by
/// default), each writing <c>capture-&lt;network&gt;.pcap</c> in the artifact directory. Every gratuitous ARP becomes a
/// <see cref="NetEventKinds.Garp"/> event and a row of <see cref="Claims"/>; ordinary replies become
/// <see cref="NetEventKinds.ArpReply"/> events; at stop each capture's counters become a
/// <see cref="NetEventKinds.CaptureStats"/> event. Events carry the packets' capture time (<c>AppendAt</c>).
/// Load: one capture thread per network on the harness (or one tcpdump per capture host); nothing is sent.
/// </summary>
public sealed class CaptureObserver : IObserver
{
    private readonly CaptureObserverOptions _options;
    private readonly List<NetworkCapture> _captures = [];
    private readonly List<string> _artifacts = [];
    private readonly List<CaptureStats> _stats = [];
    private readonly List<ArpFrame> _frames = [];
    private readonly Lock _gate = new();
    private ObserverContext? _context;
    private MacDirectory _macs = MacDirectory.Empty;
    private Task? _stop;

    /// <summary>Creates the observer; nothing runs before <see cref="StartAsync"/>.</summary>
    public CaptureObserver(CaptureObserverOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public string Name => "capture";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts
    {
        get { lock (_gate) return [.. _artifacts]; }
    }

    /// <summary>Every gratuitous ARP seen so far: who announced which floating IP on which network, and when.</summary>
    public ArpClaimTable Claims { get; } = new();

    /// <summary>Every ARP frame decoded so far (all networks, in arrival order).</summary>
    public IReadOnlyList<ArpFrame> Frames
    {
        get { lock (_gate) return [.. _frames]; }
    }

    /// <summary>The counters of each capture, once stopped.</summary>
    public IReadOnlyList<CaptureStats> Stats
    {
        get { lock (_gate) return [.. _stats]; }
    }

    /// <summary>The MAC owners used to name nodes (inventory plus <see cref="CaptureObserverOptions.Macs"/>).</summary>
    public MacDirectory Macs => _macs;

    /// <summary>
    /// Opens one capture per storage network (in parallel) and returns once all capture. When one cannot open, the
    /// others are stopped and a <see cref="SanChaosException"/> lists every failure.
    /// </summary>
    public async Task StartAsync(ObserverContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(context.ArtifactDirectory);
        if (_context is not null) throw new InvalidOperationException("the capture observer was already started");
        _context = context;
        _macs = MacDirectory.FromInventory(context.Inventory, _options.Macs);
        var networks = SelectNetworks(context.Inventory);
        var starts = networks.Select(n => StartOneAsync(context, n, ct)).ToArray();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            var failures = starts.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!.Message).ToArray();
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            if (ct.IsCancellationRequested) throw;
            throw new SanChaosException($"The packet capture could not start on {failures.Length} of {networks.Count} networks:{Environment.NewLine}  - " +
                string.Join(Environment.NewLine + "  - ", failures), "see each network's reason above.");
        }
    }

    private IReadOnlyList<NetworkSpec> SelectNetworks(LabInventory inv)
    {
        if (_options.Networks is { } names) return names.Select(inv.Network).ToArray();
        var storage = inv.Networks.Where(n => n.Purpose is NetworkPurpose.StorageA or NetworkPurpose.StorageB).ToArray();
        return storage.Length > 0 ? storage
            : throw new SanChaosException($"The lab {inv.Name} ({inv.SourcePath}) has no storage network to capture.",
                "declare networks with purpose storage-a and storage-b, or set CaptureObserverOptions.Networks.");
    }

    private async Task StartOneAsync(ObserverContext context, NetworkSpec network, CancellationToken ct)
    {
        var point = _options.PointFor(network);
        var file = Path.Combine(context.ArtifactDirectory, _options.FileName(network.Name));
        lock (_gate) _artifacts.Add(file);
        var capture = await NetworkCapture.StartAsync(point, file, _options.Capture, OnArp, ct).ConfigureAwait(false);
        lock (_gate) _captures.Add(capture);
    }

    private void OnArp(ArpFrame f)
    {
        lock (_gate) _frames.Add(f);
        var history = _context!.Run.History;
        var node = _macs.NodeOf(f.SenderMac);
        if (Claims.Add(f, _macs) is not null)
        {
            var data = ArpData(f, node);
            data[NetEventKeys.Form] = f.Form;
            data[NetEventKeys.EthernetDestination] = f.EthernetDestination;
            history.AppendAt(f.Time, NetEventKinds.Garp, Name,
                $"{node ?? "unknown"} ({f.SenderMac}) announced {f.SenderIp} on {f.Network} (gratuitous {f.Form})", data);
        }
        else if (f.Kind == ArpKind.Reply && _options.RecordReplies)
        {
            var target = _macs.NodeOf(f.TargetMac);
            var data = ArpData(f, node);
            data[NetEventKeys.TargetNode] = target ?? "";
            history.AppendAt(f.Time, NetEventKinds.ArpReply, Name,
                $"{f.SenderIp} is at {f.SenderMac} ({node ?? "unknown"}), told {f.TargetIp} ({target ?? f.TargetMac}) on {f.Network}", data);
        }
    }

    /// <summary>The keys every ARP event has: who (ip, mac, node) on which network, to whom (target ip and MAC).</summary>
    private static Dictionary<string, string> ArpData(ArpFrame f, string? node) => new()
    {
        [NetEventKeys.Ip] = f.SenderIp.ToString(),
        [NetEventKeys.Mac] = f.SenderMac,
        [NetEventKeys.Node] = node ?? "",
        [NetEventKeys.Network] = f.Network,
        [NetEventKeys.TargetIp] = f.TargetIp.ToString(),
        [NetEventKeys.TargetMac] = f.TargetMac,
    };

    /// <summary>Stops every capture, closes the pcap files and records each one's counters. Idempotent.</summary>
    public Task StopAsync(CancellationToken ct)
    {
        lock (_gate) return _stop ??= StopOnceAsync(ct);
    }

    private async Task StopOnceAsync(CancellationToken ct)
    {
        NetworkCapture[] captures;
        lock (_gate) captures = [.. _captures];
        var stats = await Task.WhenAll(captures.Select(c => c.StopAsync(ct))).ConfigureAwait(false);
        foreach (var s in stats)
        {
            lock (_gate) _stats.Add(s);
            _context?.Run.History.Append(NetEventKinds.CaptureStats, Name, s.ToString(), new Dictionary<string, string>
            {
                [NetEventKeys.Network] = s.Network,
                [NetEventKeys.Point] = s.Point,
                [NetEventKeys.Received] = Text(s.Received),
                [NetEventKeys.Dropped] = Text(s.Dropped),
                [NetEventKeys.InterfaceDropped] = Text(s.InterfaceDropped),
                [NetEventKeys.Packets] = Text(s.Packets),
                [NetEventKeys.Arp] = Text(s.ArpFrames),
                [NetEventKeys.File] = s.File,
                [NetEventKeys.Error] = s.Error ?? "",
            });
        }
    }

    private static string Text(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
