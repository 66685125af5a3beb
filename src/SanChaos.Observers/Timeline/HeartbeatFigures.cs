using System.Globalization;
using SanChaos.Core.History;

namespace SanChaos.Observers.Timeline;

/// <summary>
/// A scenario's Heartbeat path figures per storage node, from the timeline's ha-log events (kinds from <c>timeline:</c> in
/// lab/sut/commands.yaml): <c>hb_auth_failures otter</c> (lines "failed authentication") and <c>hb_lost_packets otter</c>
/// (packets of "lost packet(s)" lines). Zeros are figures too, for every node whose ha-log the timeline followed
/// (<see cref="TimelineEventKeys.HaLogNodes"/>); without a timeline, only nodes with such lines get them.
/// </summary>
public static class HeartbeatFigures
{
    /// <summary>"node [peer] failed authentication".</summary>
    public const string AuthFailedKind = NodeEventKinds.HeartbeatAuthFailed;

    /// <summary>"N lost packet(s) for [peer]" (data: count, peer).</summary>
    public const string LostPacketsKind = NodeEventKinds.HeartbeatLostPackets;

    /// <summary>"Link peer:path up|dead" (data: peer, link, state).</summary>
    public const string LinkKind = NodeEventKinds.HeartbeatLink;

    /// <summary>
    /// Counts per node in <paramref name="events"/>: every node named by an ha-log event of these kinds, and every node of
    /// <paramref name="nodes"/> (with zeros), in name order.
    /// </summary>
    public static IReadOnlyList<HeartbeatLineCounts> Count(IEnumerable<HistoryEvent> events, IEnumerable<string>? nodes = null)
    {
        var relevant = events.Where(e => (e.Kind is AuthFailedKind or LostPacketsKind or LinkKind) && e.Data.ContainsKey("node")).ToArray();
        return relevant.Select(e => e.Data["node"]).Concat(nodes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(node =>
            {
                var mine = relevant.Where(e => e.Data["node"] == node).ToArray();
                var deaths = mine.Where(e => e.Kind == LinkKind && e.Data.GetValueOrDefault("state") == "dead").ToArray();
                return new HeartbeatLineCounts(node,
                    mine.Count(e => e.Kind == AuthFailedKind),
                    mine.Where(e => e.Kind == LostPacketsKind)
                        .Sum(e => long.TryParse(e.Data.GetValueOrDefault("count"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1),
                    deaths.Length,
                    deaths.Count(e => e.Data.GetValueOrDefault("link")?.StartsWith("/dev/tty", StringComparison.Ordinal) == true));
            }).ToArray();
    }

    /// <summary>The figures of <paramref name="events"/> (any order).</summary>
    public static IReadOnlyList<Figure> From(IEnumerable<HistoryEvent> events)
    {
        var all = events as IReadOnlyCollection<HistoryEvent> ?? events.ToArray();
        var followed = all.Where(e => e.Kind == ObserverEventKinds.Started && e.Data.ContainsKey(TimelineEventKeys.HaLogNodes))
            .SelectMany(e => e.Data[TimelineEventKeys.HaLogNodes].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Count(all, followed).SelectMany(c => new[]
        {
            new Figure($"hb_auth_failures {c.Node}", c.AuthFailures.ToString(CultureInfo.InvariantCulture),
                $"lines \"failed authentication\" in {c.Node}'s ha-log, whole scenario"),
            new Figure($"hb_lost_packets {c.Node}", c.LostPackets.ToString(CultureInfo.InvariantCulture),
                $"packets Heartbeat on {c.Node} logged as lost, whole scenario"),
        }).ToArray();
    }
}
