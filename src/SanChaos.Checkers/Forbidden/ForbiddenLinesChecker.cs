using System.Globalization;
using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.Timeline;

namespace SanChaos.Checkers.Forbidden;

/// <summary>
/// Did any node log a line that must never appear (kernel oops, DRBD split brain or protocol errors, Heartbeat seeing
/// both nodes hold the resources)? The patterns are data (<see cref="ForbiddenPatterns"/>). Each node's raw lines are
/// read from <c>timeline-&lt;node&gt;.log</c> in the scenario folder when it is there (every line the node printed),
/// else from its timeline events (only the lines a timeline rule turned into an event). Invalid with each line, its
/// node, time and pattern; Unknown when a node was not observed, sent no log line at all (state samples, <c>S</c>, and
/// address lines, <c>A</c>/<c>A0</c>, are not its logs: only a kernel, ha-log or journal line shows that its logs were
/// followed), or its stream was lost while it had power (its lines from then are missing); Valid otherwise.
/// </summary>
/// <param name="options">Patterns, nodes; default <see cref="ForbiddenLinesOptions"/>.</param>
public sealed class ForbiddenLinesChecker(ForbiddenLinesOptions? options = null) : IChecker
{
    private readonly ForbiddenLinesOptions _o = options ?? new ForbiddenLinesOptions();

    /// <summary>The observe_* tags of sampled state, not log lines (lab/sut/commands.yaml, observe_common): state samples, addresses.</summary>
    private static readonly string[] StateStreams = ["S", "A", "A0"];

    /// <inheritdoc />
    public string Name => "forbidden-lines";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var patterns = _o.Patterns ?? ForbiddenPatterns.Default;
        var nodes = _o.Nodes ?? input.Inventory.Nodes.Select(n => n.Name).ToArray();
        var faults = FaultRun.From(events);
        var end = StorageTimeline.EndOf(events);
        var hits = new List<Evidence>();
        var blind = new List<Evidence>();
        var lines = 0;
        foreach (var node in nodes)
        {
            var file = input.ArtifactDirectory is { } dir ? Path.Combine(dir, $"timeline-{node}.log") : null;
            var (logs, states, found) = file is not null && File.Exists(file) ? FromFile(file, node, events, patterns) : FromEvents(node, events, patterns);
            lines += logs;
            hits.AddRange(found);
            blind.AddRange(Unobserved(node, logs, states, events, faults, end));
        }

        var expected = hits.Where(h => _o.Expected.ContainsKey(Pattern(h))).OrderBy(h => h.At)
            .Select(h => h with { What = $"expected by the drill ({_o.Expected[Pattern(h)]}): {h.What}" }).ToArray();
        hits.RemoveAll(h => _o.Expected.ContainsKey(Pattern(h)));
        var figures = new Dictionary<string, double> { ["forbidden_lines"] = hits.Count, ["expected_lines"] = expected.Length, ["lines_read"] = lines };
        var ordered = hits.OrderBy(h => h.At).ToArray();
        var verdict = ordered.Length > 0
            ? Verdict.Invalid(Name, $"{ordered.Length} forbidden line(s): " + string.Join("; ", ordered.Take(3).Select(h => h.What.Split(": ", 2)[0] + $" on {h.Node}")),
                [.. Runs.Capped(ordered, _o.MaxEvidence), .. blind])
            : blind.Count > 0
                ? Verdict.Unknown(Name, $"no forbidden line seen, but lines are missing: {blind[0].What}", [.. blind])
                : Verdict.Valid(Name, $"no forbidden line in {lines} log line(s) from {string.Join(", ", nodes)}" +
                                      (expected.Length > 0 ? $" ({expected.Length} expected: {string.Join(", ", expected.Select(Pattern).Distinct())})" : ""),
                    [.. Runs.Capped(expected, _o.MaxEvidence)]);
        return verdict with { Figures = figures };
    }

    /// <summary>The pattern name an evidence line starts with.</summary>
    private static string Pattern(Evidence e) => e.What.Split(": ", 2)[0];

    /// <summary>True for a log line (kernel, ha-log, journal), not a state sample or an address line.</summary>
    private static bool IsLog(string? stream) => stream is not null && !StateStreams.Contains(stream);

    /// <summary>Every line of a raw timeline file, put on the harness clock by the node's measured offset: log lines, state lines, hits.</summary>
    private static (int Logs, int States, IEnumerable<Evidence> Hits) FromFile(string file, string node, IReadOnlyList<HistoryEvent> events, IReadOnlyList<ForbiddenPattern> patterns)
    {
        var clocks = events.Where(e => e.Kind == ObserverEventKinds.Clock && e.Node() == node).ToArray();
        var hits = new List<Evidence>();
        var n = 0;
        var states = 0;
        var number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            if (NodeLine.Parse(raw) is not { } line) continue;
            if (IsLog(line.Tag)) n++;
            else states++;
            if (patterns.FirstOrDefault(p => p.Matches(line.Tag, line.Text)) is not { } p) continue;
            var offset = (clocks.LastOrDefault(c => c.Wall <= line.NodeTime) ?? clocks.FirstOrDefault())?.Millis("offset_ms") ?? TimeSpan.Zero;
            hits.Add(new Evidence($"{p.Name}: {line.Text.Trim()} ({p.Why})", line.NodeTime - offset, node,
                $"{Path.GetFileName(file)}:{number.ToString(CultureInfo.InvariantCulture)}"));
        }

        return (n, states, hits);
    }

    /// <summary>The lines the timeline observer turned into events (a node without a raw file): log lines, state lines, hits.</summary>
    private static (int Logs, int States, IEnumerable<Evidence> Hits) FromEvents(string node, IReadOnlyList<HistoryEvent> events, IReadOnlyList<ForbiddenPattern> patterns)
    {
        var all = events.Where(e => e.Source == NodeEventKinds.TimelineSource && e.Node() == node && e.Text("stream") is not null).ToArray();
        var mine = all.Where(e => IsLog(e.Text("stream"))).ToArray();
        var hits = mine.Select(e => (Event: e, Pattern: patterns.FirstOrDefault(p => p.Matches(e.Text("stream"), e.Message))))
            .Where(x => x.Pattern is not null)
            .Select(x => x.Event.Cite($"{x.Pattern!.Name}: {x.Event.Message} ({x.Pattern.Why})"));
        return (mine.Length, all.Length - mine.Length, hits.ToArray());
    }

    /// <summary>Why some of <paramref name="node"/>'s lines may be missing: not observed, no log line at all, or its stream lost while it had power.</summary>
    private IEnumerable<Evidence> Unobserved(string node, int logs, int states, IReadOnlyList<HistoryEvent> events, IReadOnlyList<FaultRun> faults, DateTimeOffset end)
    {
        var failed = events.FirstOrDefault(e => e.Kind == ObserverEventKinds.Failed && e.Source == NodeEventKinds.TimelineSource && e.Node() == node);
        if (failed is not null) yield return failed.Cite($"{node} was not observed: {failed.Message}");
        else if (logs == 0)
            yield return new Evidence($"no log line from {node} in the history or the scenario folder" +
                                      (states > 0 ? $" (only {states} state sample or address line(s), which do not show its logs were followed)" : ""), null, node, "timeline");
        foreach (var lost in events.Where(e => e.Kind == ObserverEventKinds.StreamLost && e.Node() == node))
        {
            var cut = faults.Any(f => f.CutsPower && f.Node == node && f.Began <= lost.Wall && (f.Restored is not { } on || lost.Wall < on));
            if (cut) continue;
            var back = events.FirstOrDefault(e => e.Kind == ObserverEventKinds.StreamBack && e.Node() == node && e.Wall > lost.Wall)?.Wall ?? end;
            yield return lost.Cite($"{node}'s lines from {EventData.Clock(lost.Wall - _o.StreamLossLead)} to {EventData.Clock(back)} are missing: " +
                                   $"its stream was lost while it had power ({lost.Message})");
        }
    }
}
