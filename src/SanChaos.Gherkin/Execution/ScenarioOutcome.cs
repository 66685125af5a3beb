using System.Globalization;
using SanChaos.Core.Time;

namespace SanChaos.Gherkin.Execution;

/// <summary>
/// A drill's outcome class with what decided it.
/// </summary>
/// <param name="Class">The class.</param>
/// <param name="Checkers">The checkers (or failed steps, as <c>step:L&lt;line&gt;</c>) that decided it: the findings seen for a
/// regression or an expected finding, the declared ones not seen for a missing finding, the undecided ones for broken,
/// the ones under the margin bound for marginal.</param>
/// <param name="MarginSeconds">The smallest margin (a checker's <c>margin_s</c> figure) among the verdicts that decided it, if any.</param>
/// <param name="Reason">One line a person reads first.</param>
public sealed record ScenarioOutcome(OutcomeClass Class, IReadOnlyList<string> Checkers, double? MarginSeconds, string Reason)
{
    /// <summary>The tag prefix that declares an expected finding: <c>@expect:split-brain</c> (the checker ends Invalid),
    /// <c>@expect:acknowledged-writes:unknown</c> (the checker cannot decide, e.g. no read-back after a split brain), or
    /// <c>@expect:stall-budget:sometimes</c> (a known weakness measured to show in some runs and not others: its Invalid
    /// is the expected finding, its absence is not missing).</summary>
    public const string ExpectTag = "expect:";

    /// <summary>The declared status of a finding measured to show only in some runs (<c>@expect:&lt;checker&gt;:sometimes</c>).</summary>
    public const string Sometimes = "sometimes";

    /// <summary>The tag prefix that sets the marginal bound: <c>@margin:5s</c>. Default <see cref="DefaultMarginBound"/>.</summary>
    public const string MarginTag = "margin:";

    /// <summary>The name of a checker's figure that says how far its verdict was from flipping, in seconds.</summary>
    public const string MarginFigure = "margin_s";

    /// <summary>The marginal bound when a drill states none.</summary>
    public static readonly TimeSpan DefaultMarginBound = TimeSpan.FromSeconds(2);

    /// <summary>What the drill declares it is expected to show: checker name → <c>invalid</c>, <c>unknown</c> or
    /// <c>sometimes</c> (<see cref="Sometimes"/>).</summary>
    /// <exception cref="FormatException">A tag that is not of the documented forms.</exception>
    public static IReadOnlyDictionary<string, string> Declared(IEnumerable<string> tags)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags.Where(t => t.StartsWith(ExpectTag, StringComparison.Ordinal)))
        {
            var parts = tag[ExpectTag.Length..].Split(':');
            var status = parts.Length == 2 ? parts[1] : "invalid";
            if (parts[0].Length == 0 || parts.Length > 2 || status is not ("invalid" or "unknown" or Sometimes))
                throw new FormatException($"tag @{tag} is not @expect:<checker>, @expect:<checker>:unknown or @expect:<checker>:sometimes");
            declared[parts[0]] = status;
        }

        return declared;
    }

    /// <summary>The marginal bound the drill states with <c>@margin:&lt;duration&gt;</c>, or the default.</summary>
    /// <exception cref="FormatException">A margin tag whose value is not a duration.</exception>
    public static TimeSpan MarginBound(IEnumerable<string> tags)
    {
        var tag = tags.LastOrDefault(t => t.StartsWith(MarginTag, StringComparison.Ordinal));
        if (tag is null) return DefaultMarginBound;
        return Durations.TryParse(tag[MarginTag.Length..], out var bound)
            ? bound
            : throw new FormatException($"tag @{tag} does not give a duration ({Durations.Forms}, without spaces: @margin:5s)");
    }

    /// <summary>
    /// Classifies one run of a drill. In order:
    /// <list type="number">
    /// <item>skipped: the scenario was skipped;</item>
    /// <item>broken: a step broke without a checker's verdict (the lab or the harness), a step had no or two bindings,
    /// a heal or other teardown failed, the lab needed a repair that is not a known SAN behaviour (or a repair failed),
    /// or a tag is malformed;</item>
    /// <item>regression: an Invalid verdict, or a failed step without a verdict, that the drill does not declare (marginal
    /// instead when every one of them has a margin under the bound);</item>
    /// <item>broken: a checker Unknown that the drill does not declare so;</item>
    /// <item>expected finding missing: a declared checker ended otherwise (marginal when each of those has a margin under
    /// the bound); a finding declared <c>sometimes</c> is never missing;</item>
    /// <item>expected finding when the drill declares any, else passed; marginal instead when any verdict's margin is
    /// under the bound.</item>
    /// </list>
    /// </summary>
    public static ScenarioOutcome Classify(ScenarioResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Status == StepStatus.Skipped) return new(OutcomeClass.Skipped, [], null, r.Error ?? "skipped");
        IReadOnlyDictionary<string, string> declared;
        TimeSpan bound;
        try
        {
            declared = Declared(r.Tags);
            bound = MarginBound(r.Tags);
        }
        catch (FormatException e)
        {
            return new(OutcomeClass.Broken, [], null, $"{r.FeatureFile}: {e.Message}");
        }

        var verdicts = (r.Verdicts ?? []).GroupBy(v => v.Checker, StringComparer.Ordinal).Select(g => g.Last()).ToArray();
        var verdictLines = verdicts.Where(v => v.Step is not null).Select(v => v.Step!.Value).ToHashSet();
        var harness = r.Steps.Where(s => s.Status is StepStatus.Undefined or StepStatus.Ambiguous
                                         || s.Status == StepStatus.Broken && !verdictLines.Contains(s.Line))
            .Select(s => $"{s.Keyword} {s.Text} (line {s.Line}): {FirstLine(s.Error)}").ToList();
        harness.AddRange(r.TeardownErrors.Select(e => "teardown: " + FirstLine(e)));
        // A repair is judged by its checker when it is a known behaviour of the SAN (baseline-audit, split-brain); one the
        // lab needed for its own sake, or one that did not take, means the lab could not be judged as it should.
        harness.AddRange((r.Repairs ?? []).Where(x => x.Class != "sut" || !x.Succeeded)
            .Select(x => $"lab repair{(x.Succeeded ? "" : " failed")}: {x.Node}: {x.What} ({x.Kind}: {x.Source})"));
        if (harness.Count > 0)
        {
            var findings = verdicts.Where(v => v.Status == "invalid").Select(v => v.Checker).ToArray();
            return new(OutcomeClass.Broken, [], null, string.Join("; ", harness) +
                (findings.Length > 0 ? $" (not judged as a finding although {string.Join(", ", findings)} ended invalid)" : ""));
        }

        var seen = verdicts.Where(v => v.Status is "invalid" or "unknown").ToDictionary(v => v.Checker, v => v.Status, StringComparer.Ordinal);
        var failedSteps = r.Steps.Where(s => s.Status == StepStatus.Failed && !verdictLines.Contains(s.Line)).ToArray();
        foreach (var s in failedSteps) seen[$"step:L{s.Line}"] = "invalid";

        if (seen.Count == 0 && r.Status != StepStatus.Passed)
            return new(OutcomeClass.Broken, [], null, $"the scenario ended {r.Status.ToString().ToLowerInvariant()} with no step or checker to blame: {FirstLine(r.Error)}");

        var unexpected = seen.Where(kv => kv.Value == "invalid" && declared.GetValueOrDefault(kv.Key) is not ("invalid" or Sometimes)).Select(kv => kv.Key).ToArray();
        if (unexpected.Length > 0)
            return UnlessEveryMarginal(OutcomeClass.Regression, unexpected, verdicts, bound,
                $"not declared: {Describe(unexpected, verdicts, failedSteps)}");

        var undecided = seen.Where(kv => kv.Value == "unknown" && declared.GetValueOrDefault(kv.Key) != "unknown").Select(kv => kv.Key).ToArray();
        if (undecided.Length > 0)
            return new(OutcomeClass.Broken, undecided, null, $"could not decide: {Describe(undecided, verdicts, failedSteps)}");

        var missing = declared.Where(kv => kv.Value != Sometimes && seen.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => kv.Key).ToArray();
        if (missing.Length > 0)
            return UnlessEveryMarginal(OutcomeClass.ExpectedFindingMissing, missing, verdicts, bound,
                "declared but not seen: " + string.Join(", ", missing.Select(m =>
                    $"{m} ({declared[m]} expected, {(verdicts.FirstOrDefault(v => v.Checker == m) is { } v ? $"{v.Status}: {v.Summary}" : "not checked")})")));

        var close = verdicts.Select(v => (v.Checker, Margin: Margin(v))).Where(x => x.Margin is { } m && Math.Abs(m) < bound.TotalSeconds).ToArray();
        if (close.Length > 0)
            return new(OutcomeClass.Marginal, close.Select(c => c.Checker).ToArray(), close.Min(c => Math.Abs(c.Margin!.Value)),
                $"decided by less than the {Durations.Format(bound)} bound: " +
                string.Join(", ", close.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Checker} by {c.Margin:0.###} s"))));

        // A "sometimes" finding counts when seen; when not seen this run it is said, never called missing.
        var found = declared.Where(kv => kv.Value != Sometimes || seen.GetValueOrDefault(kv.Key) == "invalid").Select(kv => kv.Key).ToArray();
        var notThisRun = declared.Where(kv => kv.Value == Sometimes && seen.GetValueOrDefault(kv.Key) != "invalid").Select(kv => kv.Key).ToArray();
        var aside = notThisRun.Length > 0 ? $" ({string.Join(", ", notThisRun)}: declared sometimes, not seen this run)" : "";
        return found.Length > 0
            ? new(OutcomeClass.ExpectedFinding, found, null, "as declared: " + Describe(found, verdicts, failedSteps) + aside)
            : new(OutcomeClass.Passed, [], null, (verdicts.Length > 0 ? $"{verdicts.Length} verdict(s) valid" : "every step passed") + aside);
    }

    private static ScenarioOutcome UnlessEveryMarginal(OutcomeClass cls, string[] checkers, ScenarioVerdict[] verdicts, TimeSpan bound, string reason)
    {
        var margins = checkers.Select(c => verdicts.FirstOrDefault(v => v.Checker == c) is { } v ? Margin(v) : null).ToArray();
        if (margins.All(m => m is { } x && Math.Abs(x) < bound.TotalSeconds))
            return new(OutcomeClass.Marginal, checkers, margins.Min(m => Math.Abs(m!.Value)),
                $"{cls.Label()} by less than the {Durations.Format(bound)} bound: {reason}");
        return new(cls, checkers, margins.Where(m => m is not null).Select(m => (double?)Math.Abs(m!.Value)).Min(), reason);
    }

    private static double? Margin(ScenarioVerdict v) => v.Figures is { } f && f.TryGetValue(MarginFigure, out var m) ? m : null;

    private static string Describe(IEnumerable<string> checkers, ScenarioVerdict[] verdicts, StepResult[] failedSteps) =>
        string.Join("; ", checkers.Select(c =>
            verdicts.FirstOrDefault(v => v.Checker == c) is { } v ? $"{c} {v.Status}: {v.Summary}"
            : failedSteps.FirstOrDefault(s => $"step:L{s.Line}" == c) is { } s ? $"{s.Keyword} {s.Text} (line {s.Line}) failed: {FirstLine(s.Error)}"
            : c));

    private static string FirstLine(string? text) => text is null ? "" : text.Split('\n')[0].TrimEnd('\r');
}
