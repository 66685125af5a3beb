using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.Capture;

namespace SanChaos.Checkers.Reading;

/// <summary>Whether the packet capture watched a network for the whole history (a missing claim means something only then).</summary>
internal sealed class CaptureCoverage
{
    private readonly HistoryEvent? _failed;
    private readonly Dictionary<string, HistoryEvent> _stats;
    private readonly HashSet<string> _seen;

    private CaptureCoverage(HistoryEvent? failed, Dictionary<string, HistoryEvent> stats, HashSet<string> seen)
    {
        _failed = failed;
        _stats = stats;
        _seen = seen;
    }

    /// <summary>Reads the capture's events of <paramref name="events"/>.</summary>
    public static CaptureCoverage Read(IEnumerable<HistoryEvent> events)
    {
        HistoryEvent? failed = null;
        var stats = new Dictionary<string, HistoryEvent>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Kind == ObserverEventKinds.Failed && e.Source == NodeEventKinds.CaptureSource) failed ??= e;
            else if (e.Kind == NetEventKinds.CaptureStats && e.Text(NetEventKeys.Network) is { } n) stats[n] = e;
            else if (e.Kind is NetEventKinds.Garp or NetEventKinds.ArpReply && e.Text(NetEventKeys.Network) is { } m) seen.Add(m);
        }

        return new CaptureCoverage(failed, stats, seen);
    }

    /// <summary>Null when <paramref name="network"/> was captured throughout; else why its claims may be missing.</summary>
    public string? Missing(string network)
    {
        if (_failed is not null) return $"the packet capture failed ({_failed.Message})";
        if (_stats.TryGetValue(network, out var s))
            return s.Text(NetEventKeys.Error) is { } error ? $"the capture of {network} ended early ({error})" : null;
        return _seen.Contains(network) ? null : $"no capture of {network} in the history (no capture observer, or it has not reported)";
    }
}
