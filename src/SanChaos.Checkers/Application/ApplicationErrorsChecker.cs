using SanChaos.Checkers.Reading;
using SanChaos.Checkers.Stall;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Application;

/// <summary>
/// "The application sees no I/O error": no write through the multipath device failed while the probe ran (the probe's
/// <c>io.errors</c> windows, with the errno names an application gets). Invalid with every error window as evidence;
/// Unknown, when no write failed, unless the probe ran to its end (<see cref="ProbeEnd"/>: an <c>io.summary</c>, the
/// probe stopped by the observer and exited 0): a probe that died or exited non-zero did not see the rest.
/// </summary>
/// <remarks>
/// After a fault the verdict is often a race: the initiator notices the dead portal (NOP-out timeout), the session
/// waits its recovery timeout, dm-multipath queues (no_path_retry), then writes fail; a session that logs in again
/// before that spares the application. Where the history has the race, the verdict carries <c>margin_s</c>, by how
/// much it was decided: with errors, from the first failed write to the session's return (<c>iscsi.session</c>
/// LOGGED_IN); without, from the session's return to when errors would have begun (the initiator's NOP-out timeout +
/// <see cref="ApplicationErrorsOptions.PathLossTolerance"/>, which only the configuration knows).
/// </remarks>
/// <param name="options">The client's path-loss tolerance; default <see cref="ApplicationErrorsOptions"/> (not known).</param>
public sealed class ApplicationErrorsChecker(ApplicationErrorsOptions? options = null) : IChecker
{
    private readonly ApplicationErrorsOptions _o = options ?? new ApplicationErrorsOptions();

    /// <inheritdoc />
    public string Name => "application-errors";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var probe = ProbeEnd.Read(events);
        var windows = events.Where(e => e.Kind == IoEventKinds.Errors).ToArray();
        if (probe.Summary is null && windows.Length == 0)
            return Verdict.Unknown(Name, $"{probe.Problem}: whether the application saw errors is unknown", [.. probe.Evidence]);
        var errors = windows.Sum(w => w.Long("count") ?? 0);
        var figures = new Dictionary<string, double>
        {
            ["io_errors"] = errors,
            ["io_error_window_s"] = EventData.Seconds(TimeSpan.FromMilliseconds(windows.Sum(w => w.Number("duration_ms") ?? 0))),
        };
        var race = Race(events, input, windows);
        if (race is not null) figures["margin_s"] = race.Value.Margin;
        Evidence[] raceEvidence = race is null ? [] : [race.Value.Evidence];
        if (windows.Length > 0)
            return Verdict.Invalid(Name, $"the application got {errors} failed write(s) in {windows.Length} window(s) ({string.Join("; ", windows.Select(w => w.Text("errors")))})",
                [.. windows.Select(w => w.Cite()), .. raceEvidence, .. probe.Evidence]) with { Figures = figures };
        if (!probe.Complete)
            return Verdict.Unknown(Name, $"no write failed while the probe reported, but {probe.Problem}: what the application saw after that is unknown",
                [.. probe.Evidence, .. raceEvidence]) with { Figures = figures };
        return Verdict.Valid(Name, "no write failed: the application only ever waited", [probe.Summary!.Cite(), .. raceEvidence]) with { Figures = figures };
    }

    /// <summary>The race between the session's return and the application's errors after the fault, when the history has it.</summary>
    private (double Margin, Evidence Evidence)? Race(IReadOnlyList<HistoryEvent> events, CheckInput input, HistoryEvent[] windows)
    {
        if (FaultMoment.Of(events) is not { } fault) return null;
        var m = MeasuredFailover.Read(fault.Wall, events, input.Inventory);
        if (m.Nop is not { } noticed || m.SessionBack is not { } back) return null;
        if (windows.Length > 0)
        {
            var first = windows.Select(w => w.Time("first") ?? w.Wall).Where(t => t >= noticed.Wall).Cast<DateTimeOffset?>().FirstOrDefault();
            if (first is not { } e || back.Wall <= e) return null;
            var lost = back.Wall - e;
            return (EventData.Seconds(lost), back.Cite($"race lost by {EventData.Span(lost)}: the initiator noticed the dead portal at {EventData.Clock(noticed.Wall)}, " +
                                                     $"the application's first write failed at {EventData.Clock(e)}, the session logged in again at {EventData.Clock(back.Wall)}"));
        }

        if (_o.PathLossTolerance is not { } tolerance) return null;
        var bites = noticed.Wall + tolerance;
        var won = bites - back.Wall;
        return (EventData.Seconds(won), back.Cite($"race {(won >= TimeSpan.Zero ? "won" : "lost")} by {EventData.Span(won.Duration())}: the initiator noticed the dead portal at " +
                                                  $"{EventData.Clock(noticed.Wall)}, errors would have begun {EventData.Span(tolerance)} later ({EventData.Clock(bites)}: {_o.ToleranceSource}), " +
                                                  $"the session logged in again at {EventData.Clock(back.Wall)}"));
    }
}
