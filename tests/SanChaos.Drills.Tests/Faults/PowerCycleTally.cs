using System.Globalization;
using SanChaos.Core.History;
using SanChaos.Labs.Serial;
using SanChaos.Observers.Timeline;

namespace SanChaos.Drills.Tests.Faults;

/// <summary>One power cycle of a storage node in the serial power-cycle test: when it began, when both Heartbeat paths were
/// up again (null: never), when the next began, and the serial relay's counters around it (null without a relay).</summary>
internal sealed record PowerCycle(
    int Number, string Node, DateTimeOffset Start, DateTimeOffset? LinksUp, DateTimeOffset End,
    SerialRelayCounters? SerialBefore = null, SerialRelayCounters? SerialAfter = null);

/// <summary>
/// What each power cycle cost the Heartbeat paths, from the run's history (the timeline's ha-log events and the recoveries)
/// and the relay's counters: authentication failures, lost packets, link deaths (and those after both paths were back) and
/// "transition" hangs the recovery had to restart Heartbeat for.
/// </summary>
internal static class PowerCycleTally
{
    /// <summary>A recovery for a Heartbeat stuck in rscstatus "transition" (RecoveryPlanner's hb_kill_start and hb_restart).</summary>
    public static bool IsTransitionHang(HistoryEvent e) =>
        e.Kind == EventKinds.Recovery && e.Data.GetValueOrDefault("reason")?.Contains("rscstatus transition", StringComparison.Ordinal) == true;

    /// <summary>One line for <paramref name="cycle"/>, counting the events of its window in <paramref name="events"/>.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="events">The run's history so far.</param>
    /// <param name="storageNodes">The nodes whose ha-log counts (zeros included).</param>
    public static string Line(PowerCycle cycle, IEnumerable<HistoryEvent> events, IReadOnlyList<string> storageNodes)
    {
        var window = events.Where(e => e.Wall >= cycle.Start && e.Wall < cycle.End).ToArray();
        var counts = HeartbeatFigures.Count(window, storageNodes);
        var late = cycle.LinksUp is { } up ? HeartbeatFigures.Count(window.Where(e => e.Wall >= up), storageNodes).Sum(c => c.LinkDeaths) : 0;
        string PerNode(Func<HeartbeatLineCounts, long> f) =>
            $"{counts.Sum(f)} ({string.Join(", ", counts.Select(c => $"{c.Node} {f(c)}"))})";
        var line = $"cycle {cycle.Number} of {cycle.Node}: auth failures {PerNode(c => c.AuthFailures)}; lost packets {PerNode(c => c.LostPackets)}; " +
                   $"link deaths {PerNode(c => c.LinkDeaths)}, serial {counts.Sum(c => c.SerialLinkDeaths)}, " +
                   (cycle.LinksUp is null ? "paths never both up again" : $"{late} after both paths were back") +
                   $"; transition hangs {window.Count(IsTransitionHang)}";
        if (cycle.SerialBefore is { } before && cycle.SerialAfter is { } after)
        {
            var d = after.Since(before);
            line += $"; serial {Drops(d.EndA, d.EndB, d.AToB)}, {Drops(d.EndB, d.EndA, d.BToA)}";
        }

        return line + (cycle.LinksUp is { } t ? $"; both paths up after {(t - cycle.Start).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "");
    }

    private static string Drops(string from, string to, SerialDirectionCounters c) =>
        $"{from}→{to} {c.Forwarded} B carried, dropped {c.DroppedPulled}/{c.DroppedOff}/{c.DroppedClosed}/{c.DroppedOverrun} B " +
        $"(pulled/off/closed/overrun), {c.Flushed} B flushed";
}
