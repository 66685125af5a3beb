using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SanChaos.Gherkin.Execution;
using SanChaos.Reporting.Allure;
using SanChaos.Reporting.Runs;

namespace SanChaos.Reporting.Compare;

/// <summary>
/// Compares two runs (before and after an upgrade): per scenario, each timing figure (the scenario's figures and the
/// checkers' named figures) before and after with its change, flagged when it got worse past the thresholds, and each
/// checker's verdict. Scenarios are matched like Allure's history: by feature file, name and Examples values.
/// </summary>
public static class RunComparer
{
    /// <summary>The figure that counts a scenario's lab repairs (<see cref="ScenarioResult.Repairs"/>).</summary>
    public const string RepairsFigure = "lab repairs";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Compares <paramref name="candidate"/> with <paramref name="baseline"/>.</summary>
    public static RunComparison Compare(RunFolder baseline, RunFolder candidate, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        options ??= new ComparisonOptions();
        var after = Index(candidate);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<ScenarioComparison>();
        foreach (var (key, b) in Keys(baseline))
        {
            var n = seen[key] = seen.GetValueOrDefault(key) + 1;
            var c = after.TryGetValue(key, out var list) && list.Count >= n ? list[n - 1] : null;
            rows.Add(Scenario(key, b.Result, c?.Result, options));
        }

        foreach (var (key, list) in after)
            foreach (var c in list.Skip(seen.GetValueOrDefault(key)))
                rows.Add(Scenario(key, null, c.Result, options));

        return new RunComparison(baseline.Directory, candidate.Directory, options.ThresholdPercent, options.MinTimeChange.TotalSeconds, rows);
    }

    /// <summary>The comparison of one scenario record with its baseline record (either may be null).</summary>
    internal static ScenarioComparison Scenario(string key, ScenarioResult? baseline, ScenarioResult? candidate, ComparisonOptions options)
    {
        var any = candidate ?? baseline ?? throw new ArgumentException("one of the records is needed");
        var before = Figures(baseline);
        var after = Figures(candidate);
        var figures = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k)))
            .Select(name => Figure(name, Value(before, name), Value(after, name), options)).ToArray();
        var vb = (baseline?.Verdicts ?? []).GroupBy(v => v.Checker).ToDictionary(g => g.Key, g => g.Last());
        var va = (candidate?.Verdicts ?? []).GroupBy(v => v.Checker).ToDictionary(g => g.Key, g => g.Last());
        var verdicts = vb.Keys.Concat(va.Keys.Where(k => !vb.ContainsKey(k)))
            .Select(k => new VerdictComparison(k, vb.GetValueOrDefault(k)?.Status, va.GetValueOrDefault(k)?.Status, va.GetValueOrDefault(k)?.Summary,
                vb.GetValueOrDefault(k)?.Status == "valid" && va.GetValueOrDefault(k) is { Status: not "valid" })).ToArray();
        var sb = baseline is null ? null : AllureStatuses.Of(baseline);
        var sc = candidate is null ? null : AllureStatuses.Of(candidate);
        // By outcome class: a drill that kept the nightly green (passed, expected finding, marginal) and now makes it red
        // (regression, expected finding missing, broken) got worse, and the other way round got better.
        var cb = baseline?.Classified.Class;
        var cc = candidate?.Classified.Class;
        var statusWorse = cb is { } b0 && cc is { } c0 && !b0.IsRed() && b0 != OutcomeClass.Skipped && c0.IsRed();
        var statusBetter = cb is { } b1 && cc is { } c1 && b1.IsRed() && !c1.IsRed() && c1 != OutcomeClass.Skipped;
        var outcome = baseline is null ? ComparisonOutcome.New
            : candidate is null ? ComparisonOutcome.Missing
            : statusWorse || figures.Any(f => f.Regression) || verdicts.Any(v => v.Regression) ? ComparisonOutcome.Regressed
            : statusBetter || figures.Any(f => f.Improvement) || verdicts.Any(v => v.Baseline is not "valid" && v.Candidate == "valid") ? ComparisonOutcome.Improved
            : ComparisonOutcome.Unchanged;
        return new ScenarioComparison(any.Feature, any.Name, key, sb, sc, figures, verdicts, outcome, cb?.Label(), cc?.Label());
    }

    /// <summary>The comparison as a table for the terminal.</summary>
    public static string Text(RunComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"baseline:  {c.Baseline}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"candidate: {c.Candidate}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"regression: worse by more than {c.ThresholdPercent:0.##}% (and, for a time, by at least {c.MinTimeChangeSeconds:0.###} s), a verdict no longer valid, or a drill whose class turned red (regression, expected finding missing, broken)");
        foreach (var s in c.Scenarios)
        {
            sb.AppendLine();
            sb.Append(ScenarioText(s));
        }

        sb.AppendLine();
        var counts = Enum.GetValues<ComparisonOutcome>().Select(o => (o, n: c.Scenarios.Count(s => s.Outcome == o))).Where(x => x.n > 0)
            .Select(x => $"{x.n} {x.o.ToString().ToLowerInvariant()}");
        var repairs = c.Scenarios.SelectMany(s => s.Figures).Where(f => f.Name == RepairsFigure).ToArray();
        if (repairs.Length > 0)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"lab repairs: {repairs.Sum(f => f.Baseline ?? 0):0} in the baseline, {repairs.Sum(f => f.Candidate ?? 0):0} in the candidate");
        sb.AppendLine(CultureInfo.InvariantCulture, $"verdict: {(c.HasRegression ? "REGRESSION" : "no regression")} ({string.Join(", ", counts)})");
        return sb.ToString();
    }

    /// <summary>One scenario's table (also attached to its Allure result).</summary>
    public static string ScenarioText(ScenarioComparison s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{s.Feature}: {s.Name}  {s.Outcome.ToString().ToUpperInvariant()}  (class {s.BaselineClass ?? "-"} -> {s.CandidateClass ?? "-"})");
        if (s.Figures.Count > 0)
        {
            var w = Math.Max(24, s.Figures.Max(f => f.Name.Length) + 2);
            sb.AppendLine("  " + "figure".PadRight(w) + "baseline".PadLeft(14) + "candidate".PadLeft(14) + "  change");
            foreach (var f in s.Figures)
            {
                var change = f.Change is { } d ? FigureValue.Format(d, f.Unit).Insert(0, d >= 0 ? "+" : "") + (f.ChangePercent is { } p ? $" ({p:+0.#;-0.#;0}%)" : "") : "";
                var flag = f.Regression ? "  REGRESSION" : f.Improvement ? "  improved" : "";
                sb.AppendLine("  " + f.Name.PadRight(w) + Cell(f.Baseline, f.Unit).PadLeft(14) + Cell(f.Candidate, f.Unit).PadLeft(14) + "  " + change + flag);
            }
        }

        foreach (var v in s.Verdicts)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  verdict {v.Checker}: {v.Baseline ?? "-"} -> {v.Candidate ?? "-"}{(v.Regression ? "  REGRESSION" : "")}{(v.CandidateSummary is { } t ? "  (" + t + ")" : "")}");
        return sb.ToString();
    }

    /// <summary>The comparison as JSON for CI (camelCase; outcome as a word).</summary>
    public static string ToJson(RunComparison c) => JsonSerializer.Serialize(c, Json);

    private static string Cell(double? v, string unit) => v is { } x ? FigureValue.Format(x, unit) : "-";

    private static FigureComparison Figure(string name, (double Value, string Unit)? before, (double Value, string Unit)? after, ComparisonOptions o)
    {
        var unit = after?.Unit ?? before?.Unit ?? "";
        var higher = FigureValue.HigherIsBetter(name, unit);
        if (before is not { } b || after is not { } a || b.Unit != a.Unit)
            return new FigureComparison(name, unit, before?.Value, after?.Value, null, null, higher, false, false);
        var change = a.Value - b.Value;
        double? pct = b.Value == 0 ? null : change / Math.Abs(b.Value) * 100;
        var big = (pct is { } p ? Math.Abs(p) > o.ThresholdPercent : change != 0)
                  && (unit != "s" || Math.Abs(change) >= o.MinTimeChange.TotalSeconds);
        var worse = higher ? change < 0 : change > 0;
        big &= FigureValue.IsJudged(name);
        return new FigureComparison(name, unit, b.Value, a.Value, change, pct, higher, big && worse, big && !worse);
    }

    /// <summary>The figure <paramref name="name"/>, or null when the run has none (GetValueOrDefault would make it 0).</summary>
    private static (double Value, string Unit)? Value(Dictionary<string, (double Value, string Unit)> figures, string name) =>
        figures.TryGetValue(name, out var v) ? v : null;

    internal static Dictionary<string, (double Value, string Unit)> Figures(ScenarioResult? r)
    {
        var d = new Dictionary<string, (double, string)>(StringComparer.Ordinal);
        if (r is null) return d;
        foreach (var f in r.Figures ?? [])
            if (FigureValue.TryParse(f.Value, out var v, out var u)) d.TryAdd(f.Name, (v, u));
        foreach (var verdict in r.Verdicts ?? [])
            foreach (var (k, v) in verdict.Figures ?? new Dictionary<string, double>())
                d.TryAdd($"{verdict.Checker}.{k}", FigureValue.FromVerdict(k, v));
        // Repairs the scenario left for the lab's recovery: fewer is better; a record from before they were kept has none to count.
        if (r.Repairs is { } repairs) d.TryAdd(RepairsFigure, (repairs.Count, ""));
        return d;
    }

    private static IEnumerable<(string Key, ScenarioRun Run)> Keys(RunFolder run) => run.Scenarios.Select(s => (AllureIds.HistoryId(s.Result), s));

    private static Dictionary<string, List<ScenarioRun>> Index(RunFolder run)
    {
        var d = new Dictionary<string, List<ScenarioRun>>(StringComparer.Ordinal);
        foreach (var (k, s) in Keys(run))
        {
            if (!d.TryGetValue(k, out var list)) d[k] = list = [];
            list.Add(s);
        }

        return d;
    }
}
