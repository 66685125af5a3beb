using System.Globalization;
using SanChaos.Core.History;
using SanChaos.Faults;
using SanChaos.Observers.Capture;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Reporting.Charts;

/// <summary>
/// What the failover timeline shows, read from a scenario's history: the fault windows (fault.injected to
/// fault.healed, paired by fault), the longest I/O stall, and the events a storage engineer looks for, one lane per
/// layer: Heartbeat (peer declared dead, takeover), DRBD and floating IPs, gratuitous ARP per network, iSCSI and
/// multipath (connection errors, failed paths, reconnect), and the application's I/O (failed writes, first acknowledged
/// write after the stall).
/// </summary>
/// <param name="Origin">Time zero of the charts: the first fault's injection, else the first event.</param>
/// <param name="End">The last event.</param>
/// <param name="Faults">The fault windows.</param>
/// <param name="Stall">The longest I/O stall, if the probe ran.</param>
/// <param name="Lanes">The lanes with at least one mark, top to bottom.</param>
/// <param name="Marks">The events, in time order.</param>
internal sealed record FailoverTimeline(DateTimeOffset Origin, DateTimeOffset End, IReadOnlyList<TimelineWindow> Faults, TimelineWindow? Stall,
    IReadOnlyList<string> Lanes, IReadOnlyList<TimelineMark> Marks)
{
    public const string FaultLane = "fault";
    public const string HeartbeatLane = "Heartbeat";
    public const string DrbdLane = "DRBD / IPs";
    public const string IscsiLane = "iSCSI / multipath";
    public const string IoLane = "application I/O";

    /// <summary>Seconds from <see cref="Origin"/>.</summary>
    public double Seconds(DateTimeOffset t) => (t - Origin).TotalSeconds;

    /// <summary>The timeline of <paramref name="events"/>, or null when the history is empty.</summary>
    public static FailoverTimeline? From(IReadOnlyList<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = HistoryFile.InTimeOrder(events);
        if (all.Count == 0) return null;
        var origin = all.FirstOrDefault(e => e.Kind == EventKinds.FaultInjected) is { } first ? PhysicalMoment.Of(first) : all[0].Wall;
        var marks = new List<TimelineMark>();
        var faults = new List<TimelineWindow>();
        var open = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var garpLabelled = new HashSet<string>(StringComparer.Ordinal);
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        var pathFailed = false;
        var ioErrorSeen = false;
        TimelineWindow? stall = null;
        string D(HistoryEvent e, string key) => e.Data.GetValueOrDefault(key) ?? "";
        void Add(HistoryEvent e, string lane, string label, bool key) => marks.Add(new TimelineMark(e.Wall, lane, label, key));

        foreach (var e in all)
        {
            switch (e.Kind)
            {
                case EventKinds.FaultInjected:
                    open[e.Source] = PhysicalMoment.Of(e);
                    garpLabelled.Clear();
                    pathFailed = false;
                    Add(e, FaultLane, $"{e.Source} injected", true);
                    break;
                case EventKinds.FaultHealed:
                    if (open.Remove(e.Source, out var from)) faults.Add(new TimelineWindow(from, e.Wall, e.Source));
                    Add(e, FaultLane, $"{e.Source} healed", true);
                    break;
                case EventKinds.FaultHealFailed:
                    Add(e, FaultLane, $"{e.Source} heal failed", true);
                    break;
                case NodeEventKinds.NodeDead:
                    Add(e, HeartbeatLane, $"{D(e, "node")}: {D(e, "peer")} dead", true);
                    break;
                case NodeEventKinds.TakeoverStart:
                    Add(e, HeartbeatLane, $"takeover starts on {D(e, "node")}", false);
                    break;
                case NodeEventKinds.TakeoverComplete:
                    Add(e, HeartbeatLane, $"takeover complete on {D(e, "node")}", true);
                    break;
                case NodeEventKinds.HeartbeatLink when D(e, "state") == "dead":
                    Add(e, HeartbeatLane, $"{D(e, "node")}: link {D(e, "link")} dead", false);
                    break;
                case NodeEventKinds.DrbdChange when D(e, "change").Contains("-> Primary", StringComparison.Ordinal):
                    Add(e, DrbdLane, $"DRBD primary on {D(e, "node")}", false);
                    break;
                case NodeEventKinds.DrbdSplitBrain:
                    Add(e, DrbdLane, $"split brain on {D(e, "node")}", true);
                    break;
                case NodeEventKinds.IpAdded:
                    Add(e, DrbdLane, $"{D(e, "address")} up on {D(e, "node")}", false);
                    break;
                case NetEventKinds.Garp:
                    var net = D(e, "network");
                    Add(e, $"GARP {net}", $"GARP {D(e, "ip")} from {(D(e, "node") is { Length: > 0 } n ? n : D(e, "mac"))}", garpLabelled.Add(net));
                    break;
                case NodeEventKinds.IscsiConnError or NodeEventKinds.IscsiPingTimeout or NodeEventKinds.IscsiRecoveryTimeout:
                    Add(e, IscsiLane, e.Kind[6..] + " " + (D(e, "conn") is { Length: > 0 } c ? c : D(e, "sid")), false);
                    break;
                case NodeEventKinds.MultipathPathFailed or NodeEventKinds.MultipathdPath when e.Kind == NodeEventKinds.MultipathPathFailed || D(e, "what") == "mark as failed":
                    Add(e, IscsiLane, $"path {D(e, "path")} failed", !pathFailed);
                    pathFailed = true;
                    break;
                case NodeEventKinds.ActivePaths:
                    Add(e, IscsiLane, $"{D(e, "count")} active path(s)", D(e, "count") == "0");
                    break;
                case NodeEventKinds.IscsiSession:
                    var sid = D(e, "sid");
                    var state = D(e, "state");
                    var reconnect = state == "LOGGED_IN" && sessions.TryGetValue(sid, out var before) && before != "LOGGED_IN";
                    sessions[sid] = state;
                    if (reconnect) Add(e, IscsiLane, $"iSCSI reconnect to {D(e, "portal")}", true);
                    else if (state != "LOGGED_IN") Add(e, IscsiLane, $"session {sid} {state}", false);
                    break;
                case IoEventKinds.Errors:
                    Add(e, IoLane, $"{D(e, "count")} write(s) failed", !ioErrorSeen);
                    ioErrorSeen = true;
                    break;
                case NodeEventKinds.KernelIoError:
                    Add(e, IoLane, $"I/O error on {D(e, "dev")}", false);
                    break;
                case IoEventKinds.Stall:
                    var end = Time(D(e, "end"));
                    var recovered = D(e, "recovered") == "true";
                    stall = new TimelineWindow(e.Wall, recovered ? end : null, $"I/O stall {e.Message.Split(" without", 2)[0]}");
                    if (recovered && end is { } t) marks.Add(new TimelineMark(t, IoLane, "first write acknowledged", true));
                    break;
            }
        }

        var last = all[^1].Wall;
        foreach (var (name, from) in open) faults.Add(new TimelineWindow(from, null, name));
        var order = new[] { FaultLane, HeartbeatLane, DrbdLane }
            .Concat(marks.Select(m => m.Lane).Where(l => l.StartsWith("GARP ", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal))
            .Concat([IscsiLane, IoLane]);
        var used = marks.Select(m => m.Lane).ToHashSet(StringComparer.Ordinal);
        if (stall is not null) used.Add(IoLane);
        return new FailoverTimeline(origin, last, faults.OrderBy(f => f.From).ToArray(), stall, order.Where(used.Contains).ToArray(),
            marks.OrderBy(m => m.At).ToArray());
    }

    private static DateTimeOffset? Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
