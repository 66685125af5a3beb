namespace SanChaos.Core.History;

/// <summary>
/// The moment a scenario's figures and budgets count from: the last fault injected before the first heal began (a
/// setting changed first, or eth1 cut and then the serial cable pulled, count from when everything was in place), at
/// the instant it physically happened (<see cref="PhysicalMoment"/>: the PDU's record of the switch, the request that
/// bounds it, the cable cut), not when its <c>fault.injected</c> event was written after the outlet's read-back.
/// Dry runs are left out: nothing was done.
/// </summary>
public static class FaultMoment
{
    /// <summary>That <c>fault.injected</c> event of <paramref name="events"/> (any order), or null when no fault was injected.</summary>
    public static HistoryEvent? Of(IEnumerable<HistoryEvent> events)
    {
        var real = HistoryFile.InTimeOrder(events).Where(e => e.Kind.StartsWith(EventKinds.FaultPrefix, StringComparison.Ordinal)
                                                             && e.Data.GetValueOrDefault("dry_run") != "true").ToArray();
        var firstHeal = real.FirstOrDefault(e => e.Kind is FaultEventKinds.Healing or EventKinds.FaultHealed)?.Wall;
        return real.LastOrDefault(e => e.Kind == EventKinds.FaultInjected && (firstHeal is null || e.Wall < firstHeal));
    }

    /// <summary>When that fault physically happened (<see cref="PhysicalMoment.Of"/>), or null when no fault was injected.</summary>
    public static DateTimeOffset? TimeOf(IEnumerable<HistoryEvent> events) => Of(events) is { } e ? PhysicalMoment.Of(e) : null;
}
