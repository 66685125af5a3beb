using System.Globalization;
using SanChaos.Checkers.Reading;
using SanChaos.Config;
using SanChaos.Config.Budget;
using SanChaos.Core.History;
using SanChaos.Observers;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Stall;

/// <summary>
/// Did the application wait no longer, and see no more errors, than the configuration promises? The I/O probe's
/// longest stall (<c>io.stall</c>) and its error windows (<c>io.errors</c>) against a failover budget
/// (<see cref="FailoverBudget.For"/>: the configuration's terms for one fault), with the measured terms of the history
/// beside the budget's: peer declared dead (<c>hb.node-dead</c>), takeover (<c>hb.takeover-start</c> to
/// <c>hb.takeover-complete</c>), target running, first gratuitous ARP, NOP timeout, session recovery timeout, paths
/// failed and back (<c>multipathd.active-paths</c>).
/// </summary>
/// <remarks>
/// Invalid when the stall exceeds the budget's maximum, when the application saw I/O errors where the budget says it
/// should only have waited (<see cref="BudgetEstimate.ApplicationErrors"/> No), or when the errors lasted longer than the
/// budget's error window. When the budget expects errors (Yes or Possible), errors or their absence are stated in the
/// summary and the verdict stays Valid: the step decides what it expects. Unknown without a probe, without a fault to
/// count from, when the stall had not ended when observation did and is still within the budget, when the probe did
/// not run to its end (<see cref="ProbeEnd"/>) and what it saw is within the budget, and when the stall is far below the
/// budget's minimum (<see cref="StallBudgetOptions.FarBelow"/>: the fault may not have acted).
/// <para>
/// The budget can be fixed (<see cref="StallBudgetChecker(BudgetEstimate, StallBudgetOptions?)"/>) or computed when the
/// history is judged (<see cref="StallBudgetChecker(FaultKind, SutConfiguration, MeasuredTerms, StallBudgetOptions?)"/>):
/// then its machine-dependent terms (resource group start, iSCSI re-login) are the ones this scenario's failover took on
/// the running lab (<see cref="HistoryTerms"/>), and the lab's figures only where the history lacks them.
/// </para>
/// <para>
/// Figures: <c>stall_s</c>, the bounds as applied (<c>stall_max_bound_s</c> = budget maximum + jitter,
/// <c>stall_min_bound_s</c> = budget minimum × <see cref="StallBudgetOptions.FarBelow"/>), the margins to them
/// (<c>margin_to_max_s</c> = max bound − stall, <c>margin_to_min_s</c> = stall − min bound, each negative when crossed;
/// <c>margin_to_error_window_s</c> when errors were budgeted), and <c>margin_s</c>: for Valid the smallest of those
/// margins, for Invalid the largest by which a bound was crossed (absent when budgeted-away errors alone decided it),
/// for "far below" how far below; never for the other Unknowns. The measured terms (<c>detection_s</c>, ...) too.
/// </para>
/// </remarks>
public sealed class StallBudgetChecker : IChecker, IObservationBound
{
    private readonly BudgetEstimate? _budget;
    private readonly (FaultKind Fault, SutConfiguration Config, MeasuredTerms Lab)? _model;
    private readonly StallBudgetOptions _o;

    /// <summary>A checker against a fixed budget.</summary>
    /// <param name="budget">The budget of the fault the scenario injects.</param>
    /// <param name="options">When the fault happened, jitter, "far below"; default <see cref="StallBudgetOptions"/>.</param>
    public StallBudgetChecker(BudgetEstimate budget, StallBudgetOptions? options = null)
    {
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _o = options ?? new StallBudgetOptions();
    }

    /// <summary>
    /// A checker whose budget is computed when it judges the history: <paramref name="config"/>'s terms for
    /// <paramref name="fault"/>, with the resource group start and re-login this scenario's failover took (else
    /// <paramref name="lab"/>'s).
    /// </summary>
    /// <param name="fault">The fault the scenario injects.</param>
    /// <param name="config">The SAN's configuration.</param>
    /// <param name="lab">The machine-dependent terms known before the scenario (measured at lab up, or not measured).</param>
    /// <param name="options">When the fault happened, jitter, "far below"; default <see cref="StallBudgetOptions"/>.</param>
    public StallBudgetChecker(FaultKind fault, SutConfiguration config, MeasuredTerms lab, StallBudgetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(lab);
        _model = (fault, config, lab);
        _o = options ?? new StallBudgetOptions();
    }

    /// <inheritdoc />
    public string Name => "stall-budget";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        var probe = ProbeEnd.Read(events);
        var failed = events.FirstOrDefault(e => e.Kind == ObserverEventKinds.Failed && e.Source == NodeEventKinds.IoProbeSource);
        if (failed is not null) return Verdict.Unknown(Name, probe.Problem!, [.. probe.Evidence]);
        var fault = _o.FaultAt ?? FaultMoment.TimeOf(events);
        if (fault is null) return Verdict.Unknown(Name, "no fault was injected: nothing to measure the budget from");
        var m = MeasuredFailover.Read(fault.Value, events, input.Inventory);
        if (m.Stall is null || m.StallLength is not { } stall)
            return Verdict.Unknown(Name, events.Any(e => e.Kind == IoEventKinds.Started)
                ? "the I/O probe recorded no stall (it was not stopped, or made no write)" : "no I/O probe ran in this scenario", [.. probe.Evidence]);

        var (b, terms) = Budget(m, events, input);
        var what = BudgetText.Describe(b.Fault);
        var evidence = new List<Evidence>();
        var invalid = new List<string>();
        var findings = new List<string>();
        var crossed = new List<TimeSpan>(); // by how much each bound that makes the verdict Invalid was crossed
        var robust = false; // an Invalid that hangs on no bound (errors where none were budgeted)
        var held = new List<TimeSpan>(); // the margins a Valid verdict keeps to each bound

        // The probe's own ordinary gaps (a scheduling hiccup of the client or the target) are not a stall of the SAN:
        // the budget's bound is widened by StallBudgetOptions.Jitter and the evidence says so.
        var upper = b.Stall.Max + _o.Jitter;
        var lower = b.Stall.Min * _o.FarBelow;
        var stallLine = Compare("I/O stall", stall, b.Stall);
        if (stallLine.Over && stall <= upper)
            stallLine = (stallLine.Text + $", but within the probe's ordinary jitter ({EventData.Span(_o.Jitter)}): not counted", false);
        evidence.Add(m.Stall.Cite($"{stallLine.Text} ({EventData.Clock(m.Stall.Time("start") ?? m.Stall.Wall)} to " +
                                  $"{EventData.Clock(m.Stall.Time("end") ?? m.Stall.Wall + stall)}{(m.StallRecovered ? "" : ", not recovered when observation ended")}; " +
                                  $"{b.StallFormula})"));
        evidence.Add(new Evidence($"margins: {Margin(upper - stall, "the maximum", $"budget {EventData.Span(b.Stall.Max)} + jitter {EventData.Span(_o.Jitter)}")}; " +
                                  $"{Margin(stall - lower, "the minimum", $"{_o.FarBelow.ToString("0.##", CultureInfo.InvariantCulture)} × the budget's {EventData.Span(b.Stall.Min)}: shorter, the fault may not have acted")}",
            Source: "stall-budget"));
        var overStall = stallLine.Over && (m.StallRecovered || probe.Complete);
        if (overStall)
        {
            invalid.Add($"I/O stall {EventData.Span(stall)}, budget {b.Stall}: over budget");
            crossed.Add(stall - upper);
        }
        else
        {
            held.Add(upper - stall);
            if (lower > TimeSpan.Zero) held.Add(stall - lower);
        }

        var figures = Figures(m, stall);
        figures["stall_max_bound_s"] = EventData.Seconds(upper);
        figures["stall_min_bound_s"] = EventData.Seconds(lower);
        figures["margin_to_max_s"] = EventData.Seconds(upper - stall);
        figures["margin_to_min_s"] = EventData.Seconds(stall - lower);
        if (m.ErrorCount > 0)
        {
            var span = m.ErrorSpan ?? TimeSpan.Zero;
            var from = m.FirstError!.Value - m.Fault;
            var budgetText = b.ApplicationErrors switch
            {
                Expectation.No => "budget: no application errors (it should only wait)",
                _ => $"budget: errors {(b.ApplicationErrors == Expectation.Yes ? "expected" : "possible")}" +
                     (b.ErrorsFrom is { } f ? $" from {f}" : "") + (b.ErrorWindow is { } w ? $" for {w}" : ""),
            };
            evidence.Add(m.Errors[0].Cite($"application errors: {m.ErrorCount} failed write(s) in {m.Errors.Count} window(s) from {EventData.Span(from)} after the fault " +
                                          $"for {EventData.Span(span)}; {budgetText}"));
            evidence.AddRange(m.Errors.Skip(1).Take(10).Select(e => e.Cite()));
            if (b.ErrorWindow is { } budgeted && b.ApplicationErrors != Expectation.No)
            {
                figures["margin_to_error_window_s"] = EventData.Seconds(budgeted.Max - span);
                evidence.Add(new Evidence($"margin to the error window: {Margin(budgeted.Max - span, "its maximum", $"budget {budgeted}")}", Source: "stall-budget"));
            }

            if (b.ApplicationErrors == Expectation.No)
            {
                invalid.Add($"the application saw {m.ErrorCount} I/O error(s) for {EventData.Span(span)} where the budget says it should only wait");
                robust = true;
            }
            else if (b.ErrorWindow is { } window && span > window.Max)
            {
                invalid.Add($"I/O errors for {EventData.Span(span)}, budget {window}: over budget");
                crossed.Add(span - window.Max);
            }
            else
            {
                findings.Add($"the application saw I/O errors for {EventData.Span(span)}, as the budget {(b.ApplicationErrors == Expectation.Yes ? "expects" : "allows")}");
                if (b.ErrorWindow is { } w) held.Add(w.Max - span);
            }
        }
        else
        {
            evidence.Add(new Evidence($"application errors: none; budget: {(b.ApplicationErrors == Expectation.No ? "none" : b.ApplicationErrors == Expectation.Yes ? "expected" : "possible")}",
                Source: IoEventKinds.Errors));
            if (b.ApplicationErrors == Expectation.Yes) findings.Add("the budget expected I/O errors and the application saw none");
        }

        evidence.AddRange(probe.Evidence);
        evidence.AddRange(Terms(m, b));
        if (terms is not null)
            evidence.Add(new Evidence($"machine-dependent terms: resource group start {terms.ResourceGroupStart.Range} ({terms.ResourceGroupStart.Source}); " +
                                      $"iSCSI re-login {terms.IscsiRelogin.Range} ({terms.IscsiRelogin.Source})", Source: "budget"));
        evidence.AddRange(b.Terms.Select(t => new Evidence($"budget term ({t.Phase.ToString().ToLowerInvariant()}): {t.Range} {t.Name} <- {t.Source} [{t.Origin}]",
            Source: "budget")));
        evidence.AddRange(b.Notes.Select(n => new Evidence("budget note: " + n, Source: "budget")));

        Verdict verdict;
        if (invalid.Count > 0)
        {
            verdict = Verdict.Invalid(Name, $"{what}: {string.Join("; ", invalid)}", [.. evidence]);
            if (!robust && crossed.Count > 0) figures["margin_s"] = EventData.Seconds(crossed.Max());
        }
        else if (!m.StallRecovered)
        {
            verdict = Verdict.Unknown(Name, $"{what}: I/O had not come back {EventData.Span(stall)} into the stall when observation ended (budget {b.Stall})" +
                                            (probe.Complete ? "" : $"; {probe.Problem}"), [.. evidence]);
        }
        else if (stall < lower)
        {
            verdict = Verdict.Unknown(Name, $"{what}: I/O stall {EventData.Span(stall)}, far below the budget {b.Stall} (under {EventData.Span(lower)}): " +
                                            "the fault may not have acted", [.. evidence]);
            figures["margin_s"] = EventData.Seconds(lower - stall);
        }
        else if (!probe.Complete)
        {
            verdict = Verdict.Unknown(Name, $"{what}: I/O stall {EventData.Span(stall)} within the budget {b.Stall} while the probe reported, but {probe.Problem}", [.. evidence]);
        }
        else
        {
            verdict = Verdict.Valid(Name, $"{what}: I/O stall {EventData.Span(stall)} within the budget {b.Stall}" +
                                          (findings.Count > 0 ? "; " + string.Join("; ", findings) : m.ErrorCount == 0 ? "; no application errors" : ""), [.. evidence]);
            figures["margin_s"] = EventData.Seconds(held.Min());
        }

        return verdict with { Figures = figures };
    }

    /// <summary>Until the fault plus the budget's stall maximum and the jitter: a stall still running then is over budget.</summary>
    public ObservationNeed? ObserveUntil(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events;
        if ((_o.FaultAt ?? FaultMoment.Of(events)?.Wall) is not { } fault) return null;
        var (b, _) = Budget(MeasuredFailover.Read(fault, events, input.Inventory), events, input);
        return new ObservationNeed(fault + b.Stall.Max + _o.Jitter,
            $"the {BudgetText.Describe(b.Fault)}'s stall budget {b.Stall} (+ jitter {EventData.Span(_o.Jitter)}) from the fault at {EventData.Clock(fault)}", Name);
    }

    /// <summary>The fixed budget, or the one computed with the terms this history measured (and those terms).</summary>
    private (BudgetEstimate Budget, MeasuredTerms? Terms) Budget(MeasuredFailover m, IReadOnlyList<HistoryEvent> events, CheckInput input)
    {
        if (_budget is not null) return (_budget, null);
        var (fault, config, lab) = _model!.Value;
        var terms = HistoryTerms.Over(m, events, input.Inventory.Name, lab);
        return (FailoverBudget.For(fault, config, terms), terms);
    }

    /// <summary><c>the maximum: 3.2 s below it (budget 84.5 s + jitter 0.5 s)</c>, or "over it" when crossed.</summary>
    private static string Margin(TimeSpan margin, string bound, string what) =>
        $"{bound}: {EventData.Span(margin.Duration())} {(margin >= TimeSpan.Zero ? "inside" : "beyond")} it ({what})";

    /// <summary>The measured terms beside the budget's, where the history has them.</summary>
    private static IEnumerable<Evidence> Terms(MeasuredFailover m, BudgetEstimate b)
    {
        Evidence Line(string term, HistoryEvent? e, TimeRange? range, string how) => e is null
            ? new Evidence($"{term}: not measured (no {how} after the fault){(range is { } r ? $"; budget {r}" : "")}", Source: how)
            : e.Cite(Compare(term, e.Wall - m.Fault, range).Text + $" ({how} on {e.Node() ?? e.Source})");

        yield return new Evidence($"fault at {EventData.Clock(m.Fault)}: {BudgetText.Describe(b.Fault)} ({b.Drill})", m.Fault, Source: EventKinds.FaultInjected);
        yield return Line("peer declared dead", m.NodeDead, b.Detection, NodeEventKinds.NodeDead);
        if (m.NodeDead is not null && m.TakeoverComplete is not null)
            yield return m.TakeoverComplete.Cite(Compare("takeover (peer dead to takeover complete)", m.TakeoverComplete.Wall - m.NodeDead.Wall, b.Takeover).Text +
                                                 (m.TakeoverStart is null ? "" : $"; resource group started in {EventData.Span(m.TakeoverComplete.Wall - m.TakeoverStart.Wall)}"));
        else
            yield return Line("takeover complete", m.TakeoverComplete, null, NodeEventKinds.TakeoverComplete);
        yield return Line("target running", m.TargetUp, null, NodeEventKinds.TargetState);
        yield return Line("first gratuitous ARP", m.Garp, b.GarpWithin, NetEventKinds.Garp);
        yield return Line("initiator NOP timeout", m.Nop, null, NodeEventKinds.IscsiPingTimeout);
        yield return Line("session recovery timeout", m.RecoveryTimeout, null, NodeEventKinds.IscsiRecoveryTimeout);
        yield return Line("every path failed", m.PathsFailed, null, NodeEventKinds.ActivePaths);
        if (m.PathsFailed is not null) yield return Line("paths back", m.PathsBack, b.Stall, NodeEventKinds.ActivePaths);
    }

    private static Dictionary<string, double> Figures(MeasuredFailover m, TimeSpan stall)
    {
        var f = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["stall_s"] = EventData.Seconds(stall),
            ["error_count"] = m.ErrorCount,
        };
        if (m.ErrorSpan is { } span) f["error_window_s"] = EventData.Seconds(span);
        if (m.FirstError is { } first) f["errors_from_s"] = EventData.Seconds(first - m.Fault);
        foreach (var (name, e) in new[] { ("detection_s", m.NodeDead), ("takeover_complete_s", m.TakeoverComplete), ("target_up_s", m.TargetUp), ("garp_s", m.Garp),
                     ("nop_timeout_s", m.Nop), ("recovery_timeout_s", m.RecoveryTimeout), ("paths_failed_s", m.PathsFailed), ("paths_back_s", m.PathsBack) })
            if (m.Since(e) is { } d) f[name] = EventData.Seconds(d);
        return f;
    }

    private static (string Text, bool Over) Compare(string term, TimeSpan measured, TimeRange? budget)
    {
        var text = $"{term}: measured {EventData.Span(measured)}";
        if (budget is not { } r) return (text, false);
        var judged = measured > r.Max ? "over budget" : measured < r.Min ? "faster than the budget's minimum" : "within";
        return ($"{text}, budget {r}: {judged}", measured > r.Max);
    }
}
