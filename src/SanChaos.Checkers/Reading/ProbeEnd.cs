using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Reading;

/// <summary>
/// Did the I/O probe write until the observer stopped it? Read from its events: no <c>observer.failed</c> of the probe,
/// an <c>io.summary</c>, whose <c>probe_end</c> (the probe's own summary line, <c>S end=</c>) says the harness stopped it
/// (<see cref="StoppedBy"/>) and whose <c>probe_exit</c> is 0. A probe that died (no summary line: killed, its output
/// cut), whose output broke (<c>stdout-closed</c>, <c>signal:PIPE</c>), that stopped on its own (<c>duration</c>) or
/// exited non-zero saw only part of the scenario: what it did not see is unknown.
/// </summary>
/// <param name="Summary">The probe's <c>io.summary</c>, or null.</param>
/// <param name="Problem">Why the probe's record is incomplete, or null when it ran to its end.</param>
/// <param name="Evidence">The events that say so.</param>
internal sealed record ProbeEnd(HistoryEvent? Summary, string? Problem, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>The <c>probe_end</c> values of a probe the observer stopped: SIGTERM (the stream closed), SIGHUP or SIGINT, or its input closed.</summary>
    public static IReadOnlyList<string> StoppedBy { get; } = ["signal:TERM", "signal:HUP", "signal:INT", "stdin-eof"];

    /// <summary>True when the probe wrote until it was stopped and exited 0.</summary>
    public bool Complete => Problem is null;

    /// <summary>Reads the probe's end from <paramref name="events"/> (in time order).</summary>
    public static ProbeEnd Read(IReadOnlyList<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var failed = events.FirstOrDefault(e => e.Kind == ObserverEventKinds.Failed && e.Source == NodeEventKinds.IoProbeSource);
        var summary = events.LastOrDefault(e => e.Kind == IoEventKinds.Summary);
        if (failed is not null) return new ProbeEnd(summary, $"the I/O probe failed: {failed.Message}", [failed.Cite()]);
        if (summary is null)
            return new ProbeEnd(null, events.Any(e => e.Kind == IoEventKinds.Started)
                ? "the I/O probe did not run to its end (no io.summary)"
                : "no I/O probe ran in this scenario", []);
        var end = summary.Text("probe_end");
        var exit = summary.Text("probe_exit");
        string? problem = end switch
        {
            null => "the I/O probe printed no summary line (probe_end missing): it died (killed, or its output was cut) before the observer stopped it",
            "duration" => "the I/O probe stopped on its own (end=duration) before the observer stopped it",
            "stdout-closed" or "signal:PIPE" => $"the I/O probe's output broke (end={end}): writes after that were not reported",
            _ when !StoppedBy.Contains(end) => $"the I/O probe ended on {end}, not by the observer's stop",
            _ when exit is null => "the I/O probe's exit status was not seen (probe_exit missing)",
            _ when exit != "0" => $"the I/O probe exited {exit}",
            _ => null,
        };
        return new ProbeEnd(summary, problem, problem is null ? [] : [summary.Cite($"{problem} (probe_end={end ?? "-"}, probe_exit={exit ?? "-"})")]);
    }
}
