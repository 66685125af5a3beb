using SanChaos.Checkers.Reading;
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
/// count from, or when the stall had not ended when observation did and is still within the budget.
/// </remarks>
/// <param name="budget">The budget of the fault the scenario injects.</param>
/// <param name="options">When the fault happened; default <see cref="StallBudgetOptions"/>.</param>
public sealed class StallBudgetChecker(BudgetEstimate budget, StallBudgetOptions? options = null) : IChecker
{
    private readonly BudgetEstimate _budget = budget ?? throw new ArgumentNullException(nameof(budget));
    private readonly StallBudgetOptions _o = options ?? new StallBudgetOptions();

    /// <inheritdoc />
    public string Name => "stall-budget";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = HistoryFile.InTimeOrder(input.Events);
        var failed = events.FirstOrDefault(e => e.Kind == ObserverEventKinds.Failed && e.Source == NodeEventKinds.IoProbeSource);
        if (failed is not null) return Verdict.Unknown(Name, $"the I/O probe failed: {failed.Message}", failed.Cite());
        var fault = _o.FaultAt ?? FaultMoment.TimeOf(events);
        if (fault is null) return Verdict.Unknown(Name, "no fault was injected: nothing to measure the budget from");
        var m = MeasuredFailover.Read(fault.Value, events, input.Inventory);
        if (m.Stall is null || m.StallLength is not { } stall)
            return Verdict.Unknown(Name, events.Any(e => e.Kind == IoEventKinds.Started)
                ? "the I/O probe recorded no stall (it was not stopped, or made no write)" : "no I/O probe ran in this scenario");

        var b = _budget;
        var what = BudgetText.Describe(b.Fault);
        var evidence = new List<Evidence>();
        var invalid = new List<string>();
        var findings = new List<string>();

        // The probe's own ordinary gaps (a scheduling hiccup of the client or the target) are not a stall of the SAN:
        // the budget's bound is widened by StallBudgetOptions.Jitter and the evidence says so.
        var stallLine = Compare("I/O stall", stall, b.Stall);
        if (stallLine.Over && stall <= b.Stall.Max + _o.Jitter)
            stallLine = (stallLine.Text + $", but within the probe's ordinary jitter ({EventData.Span(_o.Jitter)}): not counted", false);
        evidence.Add(m.Stall.Cite($"{stallLine.Text} ({EventData.Clock(m.Stall.Time("start") ?? m.Stall.Wall)} to " +
                                  $"{EventData.Clock(m.Stall.Time("end") ?? m.Stall.Wall + stall)}{(m.StallRecovered ? "" : ", not recovered when observation ended")}; " +
                                  $"{b.StallFormula})"));
        if (stallLine.Over) invalid.Add($"I/O stall {EventData.Span(stall)}, budget {b.Stall}: over budget");

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
            if (b.ApplicationErrors == Expectation.No)
                invalid.Add($"the application saw {m.ErrorCount} I/O error(s) for {EventData.Span(span)} where the budget says it should only wait");
            else if (b.ErrorWindow is { } window && span > window.Max)
                invalid.Add($"I/O errors for {EventData.Span(span)}, budget {window}: over budget");
            else
                findings.Add($"the application saw I/O errors for {EventData.Span(span)}, as the budget {(b.ApplicationErrors == Expectation.Yes ? "expects" : "allows")}");
        }
        else
        {
            evidence.Add(new Evidence($"application errors: none; budget: {(b.ApplicationErrors == Expectation.No ? "none" : b.ApplicationErrors == Expectation.Yes ? "expected" : "possible")}",
                Source: IoEventKinds.Errors));
            if (b.ApplicationErrors == Expectation.Yes) findings.Add("the budget expected I/O errors and the application saw none");
        }

        evidence.AddRange(Terms(m, b));
        evidence.AddRange(b.Terms.Select(t => new Evidence($"budget term ({t.Phase.ToString().ToLowerInvariant()}): {t.Range} {t.Name} <- {t.Source} [{t.Origin}]",
            Source: "budget")));
        evidence.AddRange(b.Notes.Select(n => new Evidence("budget note: " + n, Source: "budget")));

        var figures = Figures(m, stall);
        Verdict verdict;
        if (invalid.Count > 0)
            verdict = Verdict.Invalid(Name, $"{what}: {string.Join("; ", invalid)}", [.. evidence]);
        else if (!m.StallRecovered)
            verdict = Verdict.Unknown(Name, $"{what}: I/O had not come back {EventData.Span(stall)} into the stall when observation ended (budget {b.Stall})", [.. evidence]);
        else
            verdict = Verdict.Valid(Name, $"{what}: I/O stall {EventData.Span(stall)} within the budget {b.Stall}" +
                                          (findings.Count > 0 ? "; " + string.Join("; ", findings) : m.ErrorCount == 0 ? "; no application errors" : ""), [.. evidence]);
        return verdict with { Figures = figures };
    }

    /// <summary>The last injection before the first heal began (or the last injection when nothing was healed).</summary>

    /// <summary>The measured terms beside the budget's, where the history has them.</summary>
    private static IEnumerable<Evidence> Terms(MeasuredFailover m, BudgetEstimate b)
    {
        Evidence Line(string term, HistoryEvent? e, TimeRange? range, string how) => e is null
            ? new Evidence($"{term}: not measured (no {how} after the fault){(range is { } r ? $"; budget {r}" : "")}", Source: how)
            : e.Cite(Compare(term, e.Wall - m.Fault, range).Text + $" ({how} on {e.Node() ?? e.Source})");

        yield return new Evidence($"fault at {EventData.Clock(m.Fault)}: {BudgetText.Describe(b.Fault)} ({b.Drill})", m.Fault, Source: "fault.injected");
        yield return Line("peer declared dead", m.NodeDead, b.Detection, NodeEventKinds.NodeDead);
        if (m.NodeDead is not null && m.TakeoverComplete is not null)
            yield return m.TakeoverComplete.Cite(Compare("takeover (peer dead to takeover complete)", m.TakeoverComplete.Wall - m.NodeDead.Wall, b.Takeover).Text +
                                                 (m.TakeoverStart is null ? "" : $"; resource group started in {EventData.Span(m.TakeoverComplete.Wall - m.TakeoverStart.Wall)}"));
        else
            yield return Line("takeover complete", m.TakeoverComplete, null, NodeEventKinds.TakeoverComplete);
        yield return Line("target running", m.TargetUp, null, NodeEventKinds.TargetState);
        yield return Line("first gratuitous ARP", m.Garp, b.GarpWithin, "net.garp");
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
