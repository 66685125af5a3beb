using System.Globalization;
using SanChaos.Core.History;
using SanChaos.Observers.Capture;
using SanChaos.Observers.IoProbe;
using SanChaos.Observers.Serial;
using SanChaos.Observers.Timeline;

namespace SanChaos.Observers;

/// <summary>
/// The figures a storage engineer asks of a failover, read from a scenario's history (nothing is re-measured): from
/// the fault (the last one injected before the first heal began, at the moment it physically happened: <see cref="FaultMoment"/>), the time until the peer was declared dead, the takeover completed, each floating IP came up, the
/// first gratuitous ARP on each network; the I/O stall, error window and lost writes the probe saw; Heartbeat's
/// authentication failures and lost packets per storage node (<see cref="HeartbeatFigures"/>) and the serial cable's bytes
/// per direction (<see cref="SerialLineFigures"/>). A figure whose events are missing is left out (never shown as zero).
/// </summary>
public static class ScenarioFigures
{
    /// <summary>The figures of <paramref name="events"/> (any order).</summary>
    public static IReadOnlyList<Figure> From(IEnumerable<HistoryEvent> events)
    {
        var all = HistoryFile.InTimeOrder(events);
        var figures = new List<Figure>();
        var fault = FaultMoment.Of(all);
        if (fault is not null)
        {
            var at = PhysicalMoment.Of(fault);
            figures.Add(new Figure("fault", fault.Message, $"{at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} ({PhysicalMoment.SourceOf(fault)})"));
            var after = all.Where(e => e.Wall >= at).ToArray();
            string Since(HistoryEvent e) => $"+{(e.Wall - at).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
            void AddFirst(string name, Func<HistoryEvent, bool> match, Func<HistoryEvent, string> detail)
            {
                if (after.FirstOrDefault(match) is { } e) figures.Add(new Figure(name, Since(e), detail(e)));
            }

            AddFirst("peer declared dead", e => e.Kind == NodeEventKinds.NodeDead, e => $"{e.Data.GetValueOrDefault("node")} declared {e.Data.GetValueOrDefault("peer")} dead");
            AddFirst("takeover complete", e => e.Kind == NodeEventKinds.TakeoverComplete, e => $"Heartbeat's line on {e.Data.GetValueOrDefault("node")}");
            AddFirst("target running", e => e.Kind == NodeEventKinds.TargetState && e.Data.GetValueOrDefault("state") == "1", e => $"on {e.Data.GetValueOrDefault("node")}");
            foreach (var ip in after.Where(e => e.Kind == NodeEventKinds.IpAdded).Select(e => e.Data.GetValueOrDefault("address")).Distinct())
                AddFirst($"{ip} up", e => e.Kind == NodeEventKinds.IpAdded && e.Data.GetValueOrDefault("address") == ip, e => $"on {e.Data.GetValueOrDefault("node")} {e.Data.GetValueOrDefault("interface")}");
            foreach (var net in after.Where(e => e.Kind == NetEventKinds.Garp).Select(e => e.Data.GetValueOrDefault("network")).Distinct())
                AddFirst($"first GARP on {net}", e => e.Kind == NetEventKinds.Garp && e.Data.GetValueOrDefault("network") == net,
                    e => $"{e.Data.GetValueOrDefault("ip")} from {e.Data.GetValueOrDefault("node") ?? e.Data.GetValueOrDefault("mac")}");
            // The first path back after the map lost its last one (events in time order; a 2 -> 1 -> 0 cascade shares a time).
            var paths = after.Where(e => e.Kind == NodeEventKinds.ActivePaths).ToArray();
            var none = Array.FindIndex(paths, e => e.Data.GetValueOrDefault("count") == "0");
            if (none >= 0 && paths.Skip(none + 1).FirstOrDefault(e => e.Data.GetValueOrDefault("count") != "0") is { } back)
                figures.Add(new Figure("paths back", Since(back), $"{back.Data.GetValueOrDefault("count")} active on {back.Data.GetValueOrDefault("node")}"));
        }

        if (all.LastOrDefault(e => e.Kind == IoEventKinds.Summary) is { } summary && summary.Data.TryGetValue("latency_p50_ms", out var p50))
            figures.Add(new Figure("write latency", $"p50 {p50} ms, p99 {summary.Data.GetValueOrDefault("latency_p99_ms")} ms, max {summary.Data.GetValueOrDefault("latency_max_ms")} ms",
                "acknowledged writes through the multipath device, whole scenario"));
        foreach (var e in all.Where(e => e.Kind is IoEventKinds.Stall or IoEventKinds.Errors or IoEventKinds.Readback))
            figures.Add(new Figure(e.Kind switch
            {
                IoEventKinds.Stall => "io stall",
                IoEventKinds.Errors => "io errors",
                _ => "acknowledged writes",
            }, e.Message));
        figures.AddRange(HeartbeatFigures.From(all));
        figures.AddRange(SerialLineFigures.From(all));
        return figures;
    }
}
