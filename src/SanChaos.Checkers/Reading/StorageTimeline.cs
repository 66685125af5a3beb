using System.Collections.Immutable;
using System.Text.RegularExpressions;
using SanChaos.Core.History;
using SanChaos.Inventory.Model;
using SanChaos.Observers;

namespace SanChaos.Checkers.Reading;

/// <summary>
/// What each storage node held over the history (DRBD role and connection, floating IPs), from the timeline
/// observer's events, and when that is not known. A node is <b>unknown</b> before its first state sample, from the
/// loss of its observation stream until its first sample after it came back (and, since a stream is noticed lost
/// only after the SSH keep-alive gives up, from <c>streamLossLead</c> before the loss), and for good when the
/// observer could not observe it: an unreachable node never counts as holding nothing. A node a power fault cut is
/// <b>off</b> (it holds nothing) from the injection until the heal powers it on, once it was seen to stop answering: its
/// stream was lost during the fault and it sent nothing after the injection (<see cref="CutSilenceTolerance"/>). An
/// outlet reading off is not enough: a node that still spoke is observed as its reports say, and one that went quiet
/// without its stream being lost is unknown. After the heal it is <b>booting</b> until its first sample, which counts as
/// holding nothing only when that sample says so (else the boot is unknown too).
/// </summary>
/// <remarks>
/// A session (the stream's start, or its return) reports the floating IPs (<c>ip.present</c>) and then its first state
/// sample (<c>drbd.state</c> when the node has a DRBD device, then <c>target.state</c>, which every first sample
/// has): the node is known from that <c>target.state</c> on. The model assumes one DRBD resource per node, as the
/// SAN has.
/// </remarks>
internal sealed partial class StorageTimeline
{
    private readonly IReadOnlyDictionary<string, Track> _tracks;
    private readonly DateTimeOffset[] _points;

    private StorageTimeline(IReadOnlyList<string> nodes, IReadOnlyDictionary<string, Track> tracks, DateTimeOffset start, DateTimeOffset end)
    {
        Nodes = nodes;
        _tracks = tracks;
        End = end;
        _points = tracks.Values.SelectMany(t => t.Points()).Append(start).Append(end).Where(p => p >= start && p <= end).Distinct().Order().ToArray();
        // Observation starts when every node has sent its first sample; a node that never did (nor was reported not
        // observed) leaves nothing to judge.
        var firsts = nodes.Select(n => tracks[n].Gaps.FirstOrDefault(g => g.Cause == GapCause.Startup)?.Span.To ?? start).ToArray();
        KnownFrom = firsts.Length == 0 || firsts.Max() >= end ? null : firsts.Max();
    }

    /// <summary>The storage nodes, in inventory order.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The end of observation: the timeline observer's stop, else the last event.</summary>
    public DateTimeOffset End { get; }

    /// <summary>
    /// Where the judged window starts: once every storage node has sent its first state sample (or was reported not
    /// observed: it is then unknown, not skipped); null when a node never did either.
    /// </summary>
    public DateTimeOffset? KnownFrom { get; }

    /// <summary>
    /// How long after a power fault's <c>fault.injected</c> a node may still have sent a line (read before the cut, the
    /// PDU's relay switching while the request returns) without disproving the cut: 1 s.
    /// </summary>
    public static TimeSpan CutSilenceTolerance { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads the storage nodes of <paramref name="inventory"/> from <paramref name="events"/> (in time order).</summary>
    /// <param name="events">The history, in time order.</param>
    /// <param name="inventory">The lab.</param>
    /// <param name="streamLossLead">How long before a recorded stream loss the node may already have been silent.</param>
    public static StorageTimeline Read(IReadOnlyList<HistoryEvent> events, LabInventory inventory, TimeSpan streamLossLead)
    {
        var nodes = inventory.StorageNodes.Select(n => n.Name).ToArray();
        var start = events.Count == 0 ? DateTimeOffset.UnixEpoch : events[0].Wall;
        var end = events.Count == 0 ? start : EndOf(events);
        var faults = FaultRun.From(events);
        var tracks = nodes.ToDictionary(n => n, n => Track.Build(n, events, faults, start, end, streamLossLead), StringComparer.Ordinal);
        return new StorageTimeline(nodes, tracks, start, end);
    }

    /// <summary>The end of the nodes' observation: the timeline observer's stop, else the last event (<see cref="DateTimeOffset.MinValue"/> for none).</summary>
    public static DateTimeOffset EndOf(IReadOnlyList<HistoryEvent> events) =>
        events.FirstOrDefault(e => e.Kind == ObserverEventKinds.Stopped && e.Source == NodeEventKinds.TimelineSource)?.Wall
        ?? (events.Count == 0 ? DateTimeOffset.MinValue : events[^1].Wall);

    /// <summary>Node <paramref name="node"/> at <paramref name="t"/>.</summary>
    public NodeAt At(string node, DateTimeOffset t)
    {
        var track = _tracks[node];
        foreach (var (span, why) in track.Off)
            if (span.Contains(t)) return new NodeAt(node, Presence.Off, null, why);
        foreach (var (span, resolved, why) in track.Booting)
            if (span.Contains(t)) return new NodeAt(node, resolved ? Presence.Booting : Presence.Unknown, null, why);
        foreach (var gap in track.Gaps)
            if (gap.Span.Contains(t)) return new NodeAt(node, Presence.Unknown, null, gap.Why);
        var last = track.States.LastOrDefault(s => s.At <= t);
        return last.State is null
            ? new NodeAt(node, Presence.Unknown, null, $"no state sample from {node} before {EventData.Clock(t)}")
            : new NodeAt(node, Presence.Observed, last.State, "");
    }

    /// <summary>
    /// The judged window (from <see cref="KnownFrom"/> to <see cref="End"/>) cut where any node's state changes: on each
    /// piece every node's state is constant. Empty when <see cref="KnownFrom"/> is null.
    /// </summary>
    public IEnumerable<(Span Span, IReadOnlyList<NodeAt> Nodes)> Intervals()
    {
        if (KnownFrom is not { } from) yield break;
        var cuts = _points.Where(p => p > from && p < End).Prepend(from).Append(End).ToArray();
        for (var i = 0; i + 1 < cuts.Length; i++)
            if (cuts[i] < cuts[i + 1])
                yield return (new Span(cuts[i], cuts[i + 1]), Nodes.Select(n => At(n, cuts[i])).ToArray());
    }

    /// <summary>The times <paramref name="node"/> was not observed, with their causes.</summary>
    public IReadOnlyList<Gap> Gaps(string node) => _tracks[node].Gaps;

    /// <summary>True when <paramref name="node"/> sent at least one state sample.</summary>
    public bool Sampled(string node) => _tracks[node].Samples.Count > 0;

    /// <summary>The <c>ip.added</c> of <paramref name="ip"/> on <paramref name="node"/> in [<paramref name="from"/>, <paramref name="to"/>], or null.</summary>
    public HistoryEvent? AddedBetween(string node, string ip, DateTimeOffset from, DateTimeOffset to) =>
        _tracks[node].IpAdds.FirstOrDefault(e => e.Text("address") == ip && e.Wall >= from && e.Wall <= to);

    /// <summary>Every <c>ip.added</c> of a floating IP on any storage node, in time order.</summary>
    public IReadOnlyList<HistoryEvent> IpAdds => _tracks.Values.SelectMany(t => t.IpAdds).OrderBy(e => e.Wall).ThenBy(e => e.Sequence).ToArray();

    /// <summary>True when <paramref name="node"/> was unknown at some time in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool UnknownDuring(string node, DateTimeOffset from, DateTimeOffset to) =>
        _points.Where(p => p > from && p < to).Prepend(from).Any(p => At(node, p).Presence == Presence.Unknown);

    [GeneratedRegex(@"\b(?<what>role|conn)\( (?<from>\S+) -> (?<to>\S+) \)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DrbdChange();

    private sealed class Track
    {
        public List<(DateTimeOffset At, NodeSnapshot? State)> States { get; } = [];

        public List<Gap> Gaps { get; } = [];

        public List<(Span Span, string Why)> Off { get; } = [];

        public List<(Span Span, bool Resolved, string Why)> Booting { get; } = [];

        /// <summary>The first state sample of each session.</summary>
        public List<DateTimeOffset> Samples { get; } = [];

        public List<HistoryEvent> IpAdds { get; } = [];

        public IEnumerable<DateTimeOffset> Points() =>
            States.Select(s => s.At)
                .Concat(Gaps.SelectMany(g => new[] { g.Span.From, g.Span.To }))
                .Concat(Off.SelectMany(o => new[] { o.Span.From, o.Span.To }))
                .Concat(Booting.SelectMany(b => new[] { b.Span.From, b.Span.To }));

        public static Track Build(string node, IReadOnlyList<HistoryEvent> events, IReadOnlyList<FaultRun> faults, DateTimeOffset start,
            DateTimeOffset end, TimeSpan lead)
        {
            var t = new Track();
            var (power, silent) = Cuts(node, events, faults, end);
            (DateTimeOffset From, string Why, GapCause Cause)? open = (start, $"no state sample from {node} yet", GapCause.Startup);
            var awaiting = true;
            var observed = true;
            HistoryEvent? pendingDrbd = null;
            var pendingIps = ImmutableSortedSet<string>.Empty;
            NodeSnapshot? current = null;

            foreach (var e in events)
            {
                if (e.Wall > end) break;
                if (e.Kind == ObserverEventKinds.Failed && e.Source == NodeEventKinds.TimelineSource
                    && (e.Node() == node || (e.Node() is null && e.Text("phase") == "start")))
                {
                    if (open is { } o) Close(o, e.Wall);
                    open = (e.Wall, $"not observed: {e.Message}", GapCause.NotObserved);
                    observed = false;
                    awaiting = true;
                    continue;
                }

                if (e.Node() != node || !observed) continue;
                switch (e.Kind)
                {
                    case ObserverEventKinds.StreamLost when open is null:
                        var cut = power.FirstOrDefault(f => f.Began <= e.Wall && (f.Restored is not { } r || e.Wall < r));
                        open = cut is not null
                            ? (cut.Began, $"powered off by '{cut.Name}' at {EventData.Clock(cut.Began)}, its stream lost at {EventData.Clock(e.Wall)}", GapCause.PowerCut)
                            : (e.Wall - lead, $"its observation stream was lost at {EventData.Clock(e.Wall)} ({e.Message}); it may have been silent since {EventData.Clock(e.Wall - lead)}", GapCause.Lost);
                        awaiting = true;
                        pendingDrbd = null;
                        pendingIps = [];
                        break;
                    case NodeEventKinds.DrbdState when awaiting:
                        pendingDrbd = e;
                        break;
                    case NodeEventKinds.DrbdState when current is not null:
                        Push(e.Wall, current with { Role = e.Text("role"), ConnectionState = e.Text("cs"), DrbdCause = e });
                        break;
                    case NodeEventKinds.DrbdChange when !awaiting && current is not null:
                        var changed = current;
                        foreach (Match m in DrbdChange().Matches(e.Text("change") ?? ""))
                            changed = m.Groups["what"].Value == "role" ? changed with { Role = m.Groups["to"].Value } : changed with { ConnectionState = m.Groups["to"].Value };
                        if (changed != current) Push(e.Wall, changed with { DrbdCause = e });
                        break;
                    case NodeEventKinds.TargetState when awaiting:
                        Push(e.Wall, new NodeSnapshot(pendingDrbd?.Text("role"), pendingDrbd?.Text("cs"), pendingIps, pendingDrbd ?? e));
                        t.Samples.Add(e.Wall);
                        if (open is { } g) Close(g, e.Wall);
                        open = null;
                        awaiting = false;
                        break;
                    case NodeEventKinds.IpPresent or NodeEventKinds.IpAdded or NodeEventKinds.IpRemoved when e.Text("address") is { } ip:
                        if (e.Kind == NodeEventKinds.IpAdded) t.IpAdds.Add(e);
                        var removed = e.Kind == NodeEventKinds.IpRemoved;
                        if (awaiting) pendingIps = removed ? pendingIps.Remove(ip) : pendingIps.Add(ip);
                        else if (current is not null) Push(e.Wall, current with { Ips = removed ? current.Ips.Remove(ip) : current.Ips.Add(ip) });
                        break;
                }
            }

            if (open is { } last) Close(last, end);
            foreach (var f in silent)
                t.Gaps.Add(new Gap(new Span(f.Began, f.Restored ?? end),
                    $"'{f.Name}' switched its power off at {EventData.Clock(f.Injected.Wall)}, but its stream was not lost by " +
                    $"{EventData.Clock(f.Restored ?? end)}: whether it stopped is not known", GapCause.PowerUnconfirmed));
            foreach (var f in power)
            {
                t.Off.Add((new Span(f.Began, f.Restored ?? end), $"'{f.Name}' cut its power at {EventData.Clock(f.Began)}"));
                if (f.Restored is not { } on || on >= end) continue;
                var sample = t.Samples.Cast<DateTimeOffset?>().FirstOrDefault(s => s > on);
                var state = sample is { } s ? t.States.Last(x => x.At <= s).State : null;
                var resolved = state is { Primary: false, Ips.Count: 0 };
                var why = sample is null
                    ? $"powered on at {EventData.Clock(on)} and not observed since"
                    : resolved ? $"powered on at {EventData.Clock(on)}; its first report at {EventData.Clock(sample.Value)} says it came up holding nothing"
                    : $"powered on at {EventData.Clock(on)}; its first report at {EventData.Clock(sample.Value)} says {state!.Describe()}: since when is unknown";
                t.Booting.Add((new Span(on, sample ?? end), resolved, why));
            }

            return t;

            void Push(DateTimeOffset at, NodeSnapshot s)
            {
                current = s;
                t.States.Add((at, s));
            }

            void Close((DateTimeOffset From, string Why, GapCause Cause) g, DateTimeOffset to)
            {
                if (to > g.From) t.Gaps.Add(new Gap(new Span(g.From, to), g.Why, g.Cause));
            }
        }

        /// <summary>
        /// The power faults on <paramref name="node"/> that cut it (its stream lost during the fault, nothing from it after
        /// the injection) and those it was not seen to stop from (silent, its stream never lost). One it spoke through
        /// (a line after the injection) is in neither: its outlet was off, yet it ran.
        /// </summary>
        private static (FaultRun[] Confirmed, FaultRun[] Unconfirmed) Cuts(string node, IReadOnlyList<HistoryEvent> events, IReadOnlyList<FaultRun> faults, DateTimeOffset end)
        {
            var confirmed = new List<FaultRun>();
            var unconfirmed = new List<FaultRun>();
            foreach (var f in faults.Where(f => f.CutsPower && f.Node == node))
            {
                var until = f.Restored ?? end;
                var lost = events.FirstOrDefault(e => e.Kind == ObserverEventKinds.StreamLost && e.Node() == node && e.Wall >= f.Began && e.Wall <= until);
                var spoke = events.Any(e => e.Source == NodeEventKinds.TimelineSource && e.Node() == node && !e.Kind.StartsWith(ObserverEventKinds.Prefix, StringComparison.Ordinal)
                                            && e.Wall > f.Injected.Wall + CutSilenceTolerance && e.Wall < (lost?.Wall ?? until));
                if (spoke) continue;
                (lost is null ? unconfirmed : confirmed).Add(f);
            }

            return (confirmed.ToArray(), unconfirmed.ToArray());
        }
    }
}
