using SanChaos.Checkers.Reading;
using SanChaos.Core.History;

namespace SanChaos.Checkers.SplitBrain;

/// <summary>
/// Did the SAN split its brain? Four parts, each with its evidence:
/// <list type="bullet">
/// <item>DRBD roles: two storage nodes Primary while neither reports a connection to its peer, over the same time
/// (from <c>drbd.state</c> samples and <c>drbd.change</c> kernel lines);</item>
/// <item>floating IPs: two storage nodes holding one floating IP at once (<c>ip.present</c>, <c>ip.added</c>, <c>ip.removed</c>);</item>
/// <item>ARP: a floating IP claimed on a storage network by a second MAC while the first still held it (a gratuitous ARP
/// or reply from a MAC whose node had not taken the address over: <c>net.garp</c>, <c>net.arp-reply</c>);</item>
/// <item>DRBD's own <c>Split-Brain detected</c> messages (<c>drbd.split-brain</c>) on either node.</item>
/// </list>
/// A node whose state is not observed (stream lost, not observed, booting without a report) is unknown, never "holds
/// nothing": where it could complete a split brain the verdict is Unknown, naming the gap. A node a power fault cut
/// holds nothing once it was seen to stop answering (its stream lost, nothing from it after the cut); an outlet that
/// reads off is not enough: a node that kept reporting is judged on its reports, one that went quiet with its stream
/// never lost is unknown. See <see cref="StorageTimeline"/> for how the history is read.
/// </summary>
/// <param name="options">Stream-loss lead, whether the capture is required; default <see cref="SplitBrainOptions"/>.</param>
public sealed class SplitBrainChecker(SplitBrainOptions? options = null) : IChecker
{
    private readonly SplitBrainOptions _o = options ?? new SplitBrainOptions();

    /// <inheritdoc />
    public string Name => "split-brain";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var nodes = StorageTimeline.Read(events, input.Inventory, _o.StreamLossLead);
        return Verdict.Combine(Name, [Drbd(nodes), FloatingIps(nodes, input), Arp(events, nodes, input), Messages(events)]);
    }

    private Verdict Drbd(StorageTimeline nodes)
    {
        if (nodes.KnownFrom is null) return NeverKnown(nodes, "DRBD");
        var runs = Runs.Of(nodes.Intervals(), states =>
        {
            if (states.Any(s => s.IsConnected)) return null;
            var primary = states.Where(s => s.IsPrimary).ToArray();
            var unknown = states.Where(s => s.Presence == Presence.Unknown).ToArray();
            return primary.Length >= 2 ? new Finding(VerdictStatus.Invalid, Names(primary))
                : primary.Length + unknown.Length >= 2 && unknown.Length > 0 ? new Finding(VerdictStatus.Unknown, Names(primary.Concat(unknown)))
                : null;
        });
        var evidence = new List<Evidence>();
        foreach (var (span, finding, states) in runs)
        {
            if (finding.Status == VerdictStatus.Invalid)
            {
                evidence.Add(new Evidence($"{finding.Nodes} both DRBD Primary while disconnected for {EventData.Span(span.Duration)}, until {EventData.Clock(span.To)}: " +
                                          string.Join("; ", states), span.From, null, "drbd.state/drbd.change"));
                evidence.AddRange(states.Where(s => s.IsPrimary).Select(s => s.State!.DrbdCause!.Cite()));
            }
            else
            {
                evidence.Add(new Evidence($"cannot tell whether {finding.Nodes} were both DRBD Primary and disconnected for {EventData.Span(span.Duration)}, " +
                                          $"until {EventData.Clock(span.To)}: {string.Join("; ", states)}", span.From, null, "drbd.state/observer.stream-lost"));
            }
        }

        var dual = runs.Where(r => r.Class.Status == VerdictStatus.Invalid).Sum(r => r.Span.Duration.TotalSeconds);
        var figures = new Dictionary<string, double> { ["dual_primary_s"] = Math.Round(dual, 3) };
        var window = $"from {EventData.Clock(nodes.KnownFrom.Value)} to {EventData.Clock(nodes.End)}";
        return Part(runs.Select(r => r.Class.Status), evidence,
                $"DRBD: both Primary while disconnected for {dual:0.###} s in all",
                "DRBD: cannot tell whether both nodes were Primary while disconnected (a node was not observed)",
                $"DRBD: never two Primaries while disconnected ({window})")
            .WithFigures(figures);
    }

    private Verdict FloatingIps(StorageTimeline nodes, CheckInput input)
    {
        if (nodes.KnownFrom is null) return NeverKnown(nodes, "floating IPs");
        var evidence = new List<Evidence>();
        var statuses = new List<VerdictStatus>();
        foreach (var ip in input.Inventory.FloatingIps.Select(f => f.Address.Address.ToString()))
        {
            var runs = Runs.Of(nodes.Intervals(), states =>
            {
                var holders = states.Where(s => s.Holds(ip)).ToArray();
                var unknown = states.Where(s => s.Presence == Presence.Unknown).ToArray();
                return holders.Length >= 2 ? new Finding(VerdictStatus.Invalid, Names(holders))
                    : holders.Length + unknown.Length >= 2 && unknown.Length > 0 ? new Finding(VerdictStatus.Unknown, Names(holders.Concat(unknown)))
                    : null;
            });
            foreach (var (span, finding, states) in runs)
            {
                statuses.Add(finding.Status);
                if (finding.Status == VerdictStatus.Invalid)
                {
                    evidence.Add(new Evidence($"{finding.Nodes} both hold {ip} for {EventData.Span(span.Duration)}, until {EventData.Clock(span.To)}",
                        span.From, null, "ip.present/ip.added/ip.removed"));
                    evidence.AddRange(states.Where(s => s.Holds(ip)).Select(s => input.Events.Where(e => e.Node() == s.Node && e.Text("address") == ip
                        && e.Kind is NodeEventKinds.IpPresent or NodeEventKinds.IpAdded && e.Wall <= span.From).MaxBy(e => e.Wall)?.Cite()).OfType<Evidence>());
                }
                else
                {
                    evidence.Add(new Evidence($"cannot tell whether {finding.Nodes} both held {ip} for {EventData.Span(span.Duration)}, until " +
                                              $"{EventData.Clock(span.To)}: {string.Join("; ", states)}", span.From, null, "ip.added/observer.stream-lost"));
                }
            }
        }

        return Part(statuses, evidence, "floating IPs: held by two nodes at once",
            "floating IPs: cannot tell whether two nodes held one at once (a node was not observed)",
            "floating IPs: never on two nodes at once");
    }

    private Verdict Arp(IReadOnlyList<HistoryEvent> events, StorageTimeline nodes, CheckInput input)
    {
        var claims = ArpClaimEvent.Of(events, input.Inventory);
        var conflicts = ArpLedger.Conflicts(claims, nodes);
        var coverage = CaptureCoverage.Read(events);
        var missing = input.Inventory.FloatingIps.Select(f => f.Network).Distinct()
            .Select(n => coverage.Missing(n)).OfType<string>().ToArray();
        var statuses = conflicts.Select(c => c.Ambiguous ? VerdictStatus.Unknown : VerdictStatus.Invalid).ToList();
        var evidence = conflicts.Select(c => c.Claim.Event.Cite(c.ToString())).ToList();
        if (missing.Length > 0)
        {
            if (_o.RequireCapture) statuses.Add(VerdictStatus.Unknown);
            evidence.AddRange(missing.Select(m => new Evidence(m, Source: "capture")));
        }

        return Part(statuses, evidence, "ARP: a floating IP claimed by two MACs at once",
            missing.Length > 0 && _o.RequireCapture && conflicts.Count == 0 ? $"ARP: not judged: {missing[0]}" : "ARP: a claim by a second MAC whose node was not observed",
            $"ARP: no floating IP claimed by two MACs ({claims.Count} claims{(missing.Length > 0 ? "; " + string.Join("; ", missing) : "")})");
    }

    private Verdict Messages(IReadOnlyList<HistoryEvent> events)
    {
        var lines = events.Where(e => e.Kind == NodeEventKinds.DrbdSplitBrain).ToArray();
        return Part(lines.Select(_ => VerdictStatus.Invalid), lines.Select(e => e.Cite()).ToList(),
            $"DRBD reported split brain {lines.Length} time(s)", "", "DRBD reported no split brain");
    }

    private Verdict Part(IEnumerable<VerdictStatus> statuses, List<Evidence> evidence, string invalid, string unknown, string valid)
    {
        var status = statuses.DefaultIfEmpty(VerdictStatus.Valid).Max();
        var summary = status switch { VerdictStatus.Invalid => invalid, VerdictStatus.Unknown => unknown, _ => valid };
        return new Verdict(Name, status, summary, Runs.Capped(evidence, _o.MaxEvidence).ToArray());
    }

    private Verdict NeverKnown(StorageTimeline nodes, string part)
    {
        var never = nodes.Nodes.Where(n => !nodes.Sampled(n)).ToArray();
        var gaps = nodes.Nodes.SelectMany(n => nodes.Gaps(n).Select(g => new Evidence($"{n}: {g.Why}", g.Span.From, n, "timeline"))).ToArray();
        var who = never.Length > 0 ? string.Join(" and ", never) : "a storage node";
        return Verdict.Unknown(Name, $"{part}: {who} never reported its state (no timeline observation)", gaps);
    }

    private static string Names(IEnumerable<NodeAt> states) => string.Join(" and ", states.Select(s => s.Node));

    private sealed record Finding(VerdictStatus Status, string Nodes);
}
