using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Faults;
using SanChaos.Observers;

namespace SanChaos.Checkers.Garp;

/// <summary>
/// Did the new owner of each floating IP announce it (gratuitous ARP) on the IP's storage network in time, and did the
/// old owner stay quiet afterwards? Two modes:
/// <list type="bullet">
/// <item>expectations from steps (<see cref="GarpOptions.Expect"/>, or the <see cref="GarpChecker(GarpExpectation)"/>
/// constructor): a gratuitous ARP for the IP from the node's MAC on the network within the bound after the fault
/// (or the given time);</item>
/// <item>automatic (no expectations): every time a floating IP moves, that is each <c>ip.added</c> of one on a
/// storage node, and each <c>hb.takeover-complete</c> whose node's <c>ip.added</c> was not seen, the new owner must
/// announce it within <see cref="GarpOptions.Within"/>.</item>
/// </list>
/// After each announcement, a claim of the IP (gratuitous ARP or reply) by another MAC whose node did not take the
/// address over is a later claim by the old owner: Invalid. A missing announcement is Unknown, not Invalid, when the
/// network was not captured or observation ended before the bound. In automatic mode, "no floating IP changed hands" is
/// Valid only when every storage node was observed throughout: a node the timeline observer could not observe, or whose
/// stream was lost while it had power, makes it Unknown. <see cref="ObserveUntil"/> tells a drill how long to observe.
/// </summary>
/// <param name="options">Expectations and bounds; default <see cref="GarpOptions"/> (automatic, 5 s).</param>
public sealed class GarpChecker(GarpOptions? options = null) : IChecker, IObservationBound
{
    private readonly GarpOptions _o = options ?? new GarpOptions();

    /// <summary>A checker for one step's expectation.</summary>
    public GarpChecker(GarpExpectation expectation) : this(new GarpOptions { Expect = [expectation ?? throw new ArgumentNullException(nameof(expectation))] })
    {
    }

    /// <inheritdoc />
    public string Name => "gratuitous-arp";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var nodes = StorageTimeline.Read(events, input.Inventory, _o.StreamLossLead);
        var claims = ArpClaimEvent.Of(events, input.Inventory);
        var context = new Context(claims, ArpLedger.Conflicts(claims, nodes), CaptureCoverage.Read(events), events.Count == 0 ? DateTimeOffset.MinValue : events[^1].Wall);
        var anchors = _o.Expect.Count > 0 ? Expected(events, input) : Moves(events, nodes, input);
        if (anchors.Count == 0)
            return _o.Expect.Count > 0 ? Verdict.Unknown(Name, "no fault was injected: nothing to count the bound from") : NoMove(nodes);
        var parts = anchors.Select(a => Judge(a, context)).ToArray();
        var verdict = Verdict.Combine(Name, parts);
        var delays = parts.SelectMany(p => p.Figures?.Values ?? []).ToArray();
        return delays.Length == 0 ? verdict : verdict.WithFigures([new("garp_delay_max_s", delays.Max())]);
    }

    /// <summary>
    /// Until the latest bound of the announcements this checker judges: each expectation's (the fault, or its own start,
    /// plus its bound), or in automatic mode each move seen so far plus <see cref="GarpOptions.Within"/>.
    /// </summary>
    public ObservationNeed? ObserveUntil(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var anchors = _o.Expect.Count > 0 ? Expected(events, input) : Moves(events, StorageTimeline.Read(events, input.Inventory, _o.StreamLossLead), input);
        var last = anchors.MaxBy(a => a.Deadline);
        return last is null ? null : new ObservationNeed(last.Deadline, $"gratuitous ARP for {last.Ip} from {last.Node} on {last.Network} {last.Why}", Name);
    }

    private List<Anchor> Expected(IReadOnlyList<HistoryEvent> events, CheckInput input)
    {
        var lastFault = FaultRun.From(events).LastOrDefault()?.Injected;
        var anchors = new List<Anchor>();
        foreach (var x in _o.Expect)
        {
            if (input.Inventory.Nodes.All(n => n.Name != x.Node) || input.Inventory.Networks.All(n => n.Name != x.Network))
                throw new ArgumentException($"GarpExpectation {x}: the lab {input.Inventory.Name} has no node '{x.Node}' or no network '{x.Network}' " +
                                            $"(nodes: {string.Join(", ", input.Inventory.Nodes.Select(n => n.Name))}; networks: {string.Join(", ", input.Inventory.Networks.Select(n => n.Name))}).");
            if ((x.After ?? (lastFault is null ? null : PhysicalMoment.Of(lastFault))) is not { } from) continue;
            var why = x.After is null ? $"the fault at {EventData.Clock(from)} ({lastFault!.Source})" : $"{EventData.Clock(from)}";
            anchors.Add(new Anchor(x.Ip, x.Network, x.Node, from, from + x.Within, $"within {EventData.Span(x.Within)} of {why}", x.After is null ? lastFault : null));
        }

        return anchors;
    }

    private List<Anchor> Moves(IReadOnlyList<HistoryEvent> events, StorageTimeline nodes, CheckInput input)
    {
        var networks = input.Inventory.FloatingIps.ToDictionary(f => f.Address.Address.ToString(), f => f.Network, StringComparer.Ordinal);
        var anchors = nodes.IpAdds.Where(e => networks.ContainsKey(e.Text("address")!))
            .Select(e => new Anchor(e.Text("address")!, networks[e.Text("address")!], e.Node()!, e.Wall - ArpLedger.ClockTolerance, e.Wall + _o.Within,
                $"within {EventData.Span(_o.Within)} of adding it at {EventData.Clock(e.Wall)}", e)).ToList();
        foreach (var done in events.Where(e => e.Kind == NodeEventKinds.TakeoverComplete && e.Node() is not null))
        {
            var owner = done.Node()!;
            var start = events.LastOrDefault(e => e.Kind == NodeEventKinds.TakeoverStart && e.Node() == owner && e.Wall <= done.Wall)?.Wall ?? done.Wall;
            // Heartbeat v1 logs "mach_down takeover complete" before it acquires its *own* group: the node named first in
            // haresources takes its resources back (ip-request-resp, ResourceManager) only after that line, seconds later
            // (seen on the lab: 15 s). An ip.added after the takeover began, even after this line, is the anchor then.
            var last = events.Count > 0 ? events[^1].Wall : done.Wall;
            // Without an ip.added, the owner either took no address (Heartbeat killed on the primary: drbddisk is refused
            // while the peer is still Primary, and nothing moves) or its additions were not observed. Only the second
            // calls for an announcement: a stream of the owner lost after the takeover began.
            if (!events.Any(e => e.Kind == ObserverEventKinds.StreamLost && e.Node() == owner && e.Wall >= start - ArpLedger.ClockTolerance)) continue;
            foreach (var (ip, network) in networks)
                if (nodes.AddedBetween(owner, ip, start - ArpLedger.ClockTolerance, last + ArpLedger.ClockTolerance) is null)
                    anchors.Add(new Anchor(ip, network, owner, start, done.Wall + _o.Within,
                        $"within {EventData.Span(_o.Within)} of its takeover completing at {EventData.Clock(done.Wall)} (its ip.added was not seen)", done));
        }

        return anchors;
    }

    /// <summary>
    /// No move seen: Valid only when every storage node was observed throughout (a node not observed, or whose stream was
    /// lost while it had power, may have added a floating IP the timeline never saw).
    /// </summary>
    private Verdict NoMove(StorageTimeline nodes)
    {
        var blind = nodes.Nodes.SelectMany(n => nodes.Gaps(n).Where(g => g.Unexplained || (g.Cause == GapCause.Startup && !nodes.Sampled(n)))
            .Select(g => new Evidence($"{n}: {g.Why}", g.Span.From, n, "timeline"))).ToArray();
        return blind.Length == 0
            ? Verdict.Valid(Name, "no floating IP changed hands: nothing to announce")
            : Verdict.Unknown(Name, $"the timeline saw no floating IP change hands, but it did not see everything: {blind[0].Node}: " +
                                    $"{blind[0].What[(blind[0].Node!.Length + 2)..]}", blind);
    }

    private Verdict Judge(Anchor a, Context c)
    {
        var what = $"{a.Ip} from {a.Node} on {a.Network} {a.Why}";
        var mine = c.Claims.Where(x => x.Ip == a.Ip && x.Network == a.Network && x.Announcement && x.Node == a.Node).ToArray();
        var found = mine.FirstOrDefault(x => x.At >= a.From && x.At <= a.Deadline);
        var cause = a.Cause is null ? [] : new[] { a.Cause.Cite() };
        if (found is null)
        {
            var late = mine.FirstOrDefault(x => x.At > a.Deadline);
            var seen = c.Claims.Where(x => x.Ip == a.Ip && x.Network == a.Network && x.At >= a.From).Take(5).Select(x => x.Event.Cite($"seen instead: {x.Who} {x.What} for {x.Ip}"));
            Evidence[] evidence = [.. cause, .. seen, .. late is null ? [] : new[] { late.Event.Cite($"late: {late.Who} announced {a.Ip} {EventData.Span(late.At - a.Deadline)} after the bound") }];
            if (late is null && c.Coverage.Missing(a.Network) is { } why) return Verdict.Unknown(Name, $"gratuitous ARP for {what}: not judged: {why}", evidence);
            if (late is null && c.End < a.Deadline)
                return Verdict.Unknown(Name, $"gratuitous ARP for {what}: not seen yet, and observation ended at {EventData.Clock(c.End)}, before the bound", evidence);
            return Verdict.Invalid(Name, $"no gratuitous ARP for {what}" + (late is null ? "" : $" (it came {EventData.Span(late.At - a.Deadline)} late)"), evidence);
        }

        var delay = found.At - (a.Cause?.Wall ?? a.From);
        var later = c.Conflicts.Where(x => x.Claim.Ip == a.Ip && x.Claim.Network == a.Network && x.Claim.At > found.At && x.Holder.Node == a.Node).ToArray();
        Evidence[] all = [.. cause, found.Event.Cite($"{found.Who} announced {a.Ip} on {a.Network} {EventData.Span(delay)} after {(a.Cause is null ? "the start" : a.Cause.Kind)}"),
            .. later.Select(x => x.Claim.Event.Cite("later claim: " + x))];
        var figures = new Dictionary<string, double> { [$"{a.Ip}.garp_delay_s"] = EventData.Seconds(delay) };
        var verdict = later.Any(x => !x.Ambiguous)
            ? Verdict.Invalid(Name, $"{a.Ip} on {a.Network} announced by {a.Node}, then claimed by the old owner {later.First(x => !x.Ambiguous).Claim.Who} at " +
                                    $"{EventData.Clock(later.First(x => !x.Ambiguous).Claim.At)}", all)
            : later.Length > 0
                ? Verdict.Unknown(Name, $"{a.Ip} on {a.Network} announced by {a.Node}, then claimed by {later[0].Claim.Who}, whose node was not observed", all)
                : Verdict.Valid(Name, $"{a.Ip} announced by {a.Node} on {a.Network} {EventData.Span(delay)} after {(a.Cause is null ? "the start" : a.Cause.Kind)}, no later claim by another MAC", all);
        return verdict with { Figures = figures };
    }

    private sealed record Anchor(string Ip, string Network, string Node, DateTimeOffset From, DateTimeOffset Deadline, string Why, HistoryEvent? Cause);

    private sealed record Context(IReadOnlyList<ArpClaimEvent> Claims, IReadOnlyList<ArpConflict> Conflicts, CaptureCoverage Coverage, DateTimeOffset End);
}
