using SanChaos.Core.History;
using SanChaos.Faults;

namespace SanChaos.Checkers.Reading;

/// <summary>One fault of the history from injection to heal, read back from its <c>fault.*</c> events (recorded by FaultSet).</summary>
/// <param name="Name">The fault's name (the events' source).</param>
/// <param name="Kind">Its descriptor's kind (<see cref="FaultKinds"/>).</param>
/// <param name="Node">The node it targets (data <c>node</c>, or the descriptor's <c>node</c> parameter), or null.</param>
/// <param name="Injecting">The <c>fault.injecting</c> event, when recorded.</param>
/// <param name="Injected">The <c>fault.injected</c> event.</param>
/// <param name="Healing">The <c>fault.healing</c> event, when the heal started.</param>
/// <param name="Healed">The <c>fault.healed</c> or <c>fault.heal-failed</c> event, when the heal ended.</param>
internal sealed record FaultRun(string Name, string Kind, string? Node, HistoryEvent? Injecting, HistoryEvent Injected, HistoryEvent? Healing, HistoryEvent? Healed)
{
    /// <summary>True for a fault that cuts a node's power (its silence is explained: it holds nothing).</summary>
    public bool CutsPower => Kind is FaultKinds.PowerOffNode or FaultKinds.KillPrimary;

    /// <summary>When the fault began to act: the moment it physically happened as the fault recorded it
    /// (<see cref="PhysicalMoment"/>: the PDU's record of the power cut, or the request that bounds it), the same moment the
    /// figures count from; without a record its <c>fault.injecting</c>, else its <c>fault.injected</c>.</summary>
    public DateTimeOffset Began => Injected.Data.ContainsKey(PhysicalMoment.At) ? PhysicalMoment.Of(Injected) : (Injecting ?? Injected).Wall;

    /// <summary>True when the heal succeeded.</summary>
    public bool HealSucceeded => Healed?.Kind == EventKinds.FaultHealed;

    /// <summary>When the heal started putting things back (power on for a power fault); null while still active or after a failed heal.</summary>
    public DateTimeOffset? Restored => HealSucceeded ? (Healing ?? Healed)!.Wall : null;

    /// <summary>Every fault of <paramref name="events"/> (time-ordered) that was injected; dry runs are left out.</summary>
    public static IReadOnlyList<FaultRun> From(IEnumerable<HistoryEvent> events)
    {
        var runs = new List<FaultRun>();
        var open = new Dictionary<string, FaultRun>(StringComparer.Ordinal);
        var injecting = new Dictionary<string, HistoryEvent>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!e.Kind.StartsWith(EventKinds.FaultPrefix, StringComparison.Ordinal) || e.Text("dry_run") == "true") continue;
            switch (e.Kind)
            {
                case EventKinds.FaultInjecting:
                    injecting[e.Source] = e;
                    break;
                case EventKinds.FaultInjected:
                    var run = new FaultRun(e.Source, KindOf(e), NodeOf(e), injecting.GetValueOrDefault(e.Source), e, null, null);
                    injecting.Remove(e.Source);
                    runs.Add(run);
                    open[e.Source] = run;
                    break;
                case FaultEventKinds.Healing when open.TryGetValue(e.Source, out var r):
                    Replace(r, r with { Healing = e, Node = r.Node ?? NodeOf(e) });
                    break;
                case EventKinds.FaultHealed or EventKinds.FaultHealFailed when open.TryGetValue(e.Source, out var r):
                    Replace(r, r with { Healed = e });
                    if (e.Kind == EventKinds.FaultHealed) open.Remove(e.Source);
                    break;
            }
        }

        return runs;

        void Replace(FaultRun old, FaultRun now)
        {
            runs[runs.IndexOf(old)] = now;
            open[now.Name] = now;
        }
    }

    /// <summary>The descriptor's kind: <c>power-off-node(node=otter)</c> → <c>power-off-node</c>.</summary>
    private static string KindOf(HistoryEvent e) => e.Text("descriptor") is { } d ? d.Split('(', 2)[0].Trim() : "";

    private static string? NodeOf(HistoryEvent e)
    {
        if (e.Node() is { } n && !n.StartsWith("unknown", StringComparison.Ordinal)) return n;
        var d = e.Text("descriptor");
        var open = d?.IndexOf('(', StringComparison.Ordinal) ?? -1;
        if (d is null || open < 0) return null;
        foreach (var p in d[(open + 1)..].TrimEnd(')').Split(',', StringSplitOptions.TrimEntries))
            if (p.StartsWith("node=", StringComparison.Ordinal)) return p["node=".Length..];
        return null;
    }
}
