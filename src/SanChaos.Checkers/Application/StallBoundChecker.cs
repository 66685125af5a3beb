using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Application;

/// <summary>
/// "The I/O stall is at most N": the probe's longest interval without an acknowledged write (<c>io.stall</c>) against an
/// explicit bound, for faults the failover budget has no model of (a serial cable pulled, a standby lost) and for
/// drills that state their own limit. Invalid over the bound (a stall still running when observation ended counts once
/// it is over). Unknown without the stall (no <c>io.stall</c>: the probe made no write, or did not run: never 0 s),
/// when the stall had not ended when observation did and is still within the bound, and when the probe did not run to
/// its end (<see cref="ProbeEnd"/>) and nothing it saw is over the bound. Figures: <c>stall_s</c>,
/// <c>stall_bound_s</c>, <c>margin_to_max_s</c> (bound − stall, negative when over) and, for Valid and Invalid,
/// <c>margin_s</c>, its absolute value.
/// </summary>
/// <param name="max">The bound.</param>
public sealed class StallBoundChecker(TimeSpan max) : IChecker, IObservationBound
{
    /// <inheritdoc />
    public string Name => "stall-bound";

    /// <summary>Until the fault plus the bound: a stall that began with the fault and still runs then is over it.</summary>
    public ObservationNeed? ObserveUntil(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return FaultMoment.Of(input.Events) is { } fault
            ? new ObservationNeed(fault.Wall + max, $"the I/O stall bound {EventData.Span(max)} from the fault at {EventData.Clock(fault.Wall)}", Name)
            : null;
    }

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var probe = ProbeEnd.Read(events);
        var stall = events.LastOrDefault(e => e.Kind == IoEventKinds.Stall);
        if (stall?.Millis("duration_ms") is not { } measured)
            return Verdict.Unknown(Name, probe.Summary is null
                ? $"{probe.Problem}: the stall is unknown"
                : "the I/O probe recorded no stall (io.stall missing: it made no write): the stall is unknown", [.. probe.Evidence]);

        var recovered = stall.Text("recovered") != "false";
        var margin = max - measured;
        var figures = new Dictionary<string, double>
        {
            ["stall_s"] = EventData.Seconds(measured), ["stall_bound_s"] = EventData.Seconds(max), ["margin_to_max_s"] = EventData.Seconds(margin),
        };
        var text = $"longest I/O stall {EventData.Span(measured)}{(recovered ? "" : " and still running when observation ended")} against a bound of {EventData.Span(max)}";
        Evidence[] evidence =
        [
            stall.Cite(),
            new($"margin to the bound: {EventData.Span(margin.Duration())} {(margin >= TimeSpan.Zero ? "below" : "over")} it " +
                $"(stall {EventData.Span(measured)}, bound {EventData.Span(max)})", Source: "stall-bound"),
            .. probe.Evidence,
        ];
        Verdict verdict;
        if (measured > max && (recovered || probe.Complete))
            verdict = Verdict.Invalid(Name, text + ": over", evidence);
        else if (!recovered)
            verdict = Verdict.Unknown(Name, text + (probe.Complete ? ": whether it stays within is unknown" : $": {probe.Problem}"), evidence);
        else if (!probe.Complete)
            verdict = Verdict.Unknown(Name, text + $", but {probe.Problem}: a later stall is unknown", evidence);
        else
            verdict = Verdict.Valid(Name, text, evidence);
        if (verdict.Status != VerdictStatus.Unknown) figures["margin_s"] = EventData.Seconds(margin.Duration());
        return verdict with { Figures = figures };
    }
}
