using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Application;

/// <summary>
/// "The I/O stall is at most N": the probe's longest interval without an acknowledged write (<c>io.stall</c>) against an
/// explicit bound, for faults the failover budget has no model of (a serial cable pulled, a standby lost) and for
/// drills that state their own limit. Unknown without the probe's summary.
/// </summary>
/// <param name="max">The bound.</param>
public sealed class StallBoundChecker(TimeSpan max) : IChecker
{
    /// <inheritdoc />
    public string Name => "stall-bound";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = HistoryFile.InTimeOrder(input.Events);
        if (!events.Any(e => e.Kind == IoEventKinds.Summary))
            return Verdict.Unknown(Name, "the I/O probe did not run to its end (no io.summary): the stall is unknown");
        var stall = events.LastOrDefault(e => e.Kind == IoEventKinds.Stall);
        var measured = stall?.Millis("duration_ms") ?? TimeSpan.Zero;
        var figures = new Dictionary<string, double> { ["stall_s"] = EventData.Seconds(measured), ["stall_bound_s"] = EventData.Seconds(max) };
        var text = $"longest I/O stall {EventData.Span(measured)} against a bound of {EventData.Span(max)}";
        Evidence[] evidence = stall is null ? [] : [stall.Cite()];
        return (measured <= max ? Verdict.Valid(Name, text, evidence) : Verdict.Invalid(Name, text + ": over", evidence)) with { Figures = figures };
    }
}
