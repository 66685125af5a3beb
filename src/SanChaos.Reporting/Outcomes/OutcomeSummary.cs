using System.Globalization;
using System.Text;
using SanChaos.Gherkin.Execution;
using SanChaos.Reporting.Allure;
using SanChaos.Reporting.Compare;

namespace SanChaos.Reporting.Outcomes;

/// <summary>One figure of a drill over its runs.</summary>
/// <param name="Name">The figure (a scenario figure's name, or <c>checker.figure</c>).</param>
/// <param name="Unit"><c>s</c> for times, else the word after the number.</param>
/// <param name="Values">Its value in each run that had it, in run order.</param>
public sealed record FigureSpread(string Name, string Unit, IReadOnlyList<double> Values)
{
    /// <summary>The smallest value.</summary>
    public double Min => Values.Min();

    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public double Median
    {
        get
        {
            var s = Values.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    /// <summary>The largest value.</summary>
    public double Max => Values.Max();

    /// <summary><c>min / median / max unit</c>.</summary>
    public string Text => Values.Count == 1 ? FigureValue.Format(Values[0], Unit)
        : $"{FigureValue.Format(Min, Unit)} / {FigureValue.Format(Median, Unit)} / {FigureValue.Format(Max, Unit)}";
}

/// <summary>One drill (matched across runs as Allure's history is: feature file, name, Examples values) over its runs.</summary>
/// <param name="HistoryId">The key it is matched by.</param>
/// <param name="Feature">Feature name.</param>
/// <param name="Name">Scenario name (with its Examples values).</param>
/// <param name="Runs">Its outcome in each run, in run order.</param>
/// <param name="Figures">Each numeric figure over the runs.</param>
/// <param name="MovedBy">For a flaky drill: the figure whose values best separate the runs by class, with them.</param>
public sealed record DrillOutcomes(string HistoryId, string Feature, string Name, IReadOnlyList<ScenarioOutcome> Runs,
    IReadOnlyList<FigureSpread> Figures, string? MovedBy)
{
    /// <summary>True when its class changed between runs (skipped runs left out).</summary>
    public bool Flaky => Runs.Where(r => r.Class != OutcomeClass.Skipped).Select(r => r.Class).Distinct().Count() > 1;

    /// <summary>Its class in words: the one class it had, or <c>flaky (passed ×2, regression ×1)</c>.</summary>
    public string ClassText => Flaky
        ? "flaky (" + string.Join(", ", Runs.GroupBy(r => r.Class).Select(g => $"{g.Key.Label()} ×{g.Count()}")) + ")"
        : Runs.Count > 1 ? $"{Runs[0].Class.Label()} ×{Runs.Count}" : Runs[0].Class.Label();

    /// <summary>True when a run of it makes the nightly red (<see cref="OutcomeClasses.IsRed"/>), or it is flaky.</summary>
    public bool Red => Flaky || Runs.Any(r => r.Class.IsRed());
}

/// <summary>
/// The outcome classes of a run, or of several runs of the same selection (<c>SANCHAOS_REPEAT</c>, or run folders named
/// together): per drill the classes seen, what decided them, each figure's min/median/max, and the drills whose class
/// changed between runs reported flaky with the figure that moved them. Flaky and marginal come from these measurements
/// only, never from a list kept by hand.
/// </summary>
public static class OutcomeSummary
{
    /// <summary>The table's file in a run folder.</summary>
    public const string FileName = "outcomes.txt";

    /// <summary>Groups <paramref name="records"/> (in run order) by drill and classifies each.</summary>
    public static IReadOnlyList<DrillOutcomes> Of(IEnumerable<ScenarioResult> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var groups = new List<(string Key, List<ScenarioResult> Runs)>();
        foreach (var r in records)
        {
            var key = AllureIds.HistoryId(r);
            var g = groups.FindIndex(x => x.Key == key);
            if (g < 0) groups.Add((key, [r]));
            else groups[g].Runs.Add(r);
        }

        return groups.Select(g =>
        {
            var outcomes = g.Runs.Select(r => r.Classified).ToArray();
            var perRun = g.Runs.Select(RunComparer.Figures).ToArray();
            var spreads = perRun.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal)
                .Select(name => new FigureSpread(name, perRun.First(d => d.ContainsKey(name))[name].Unit,
                    perRun.Where(d => d.ContainsKey(name)).Select(d => d[name].Value).ToArray()))
                .ToArray();
            var first = g.Runs[0];
            var drill = new DrillOutcomes(g.Key, first.Feature, first.Name, outcomes, spreads, null);
            // The checkers whose verdict was not the same in every run: the figure that moved the drill is theirs first.
            var changed = g.Runs.SelectMany(r => r.Verdicts ?? []).GroupBy(v => v.Checker, StringComparer.Ordinal)
                .Where(c => c.Select(v => v.Status).Distinct(StringComparer.Ordinal).Count() > 1 || c.Count() < g.Runs.Count)
                .Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            return drill.Flaky ? drill with { MovedBy = MovedBy(outcomes, perRun, changed) } : drill;
        }).ToArray();
    }

    /// <summary>
    /// The figure that moved a flaky drill: among the figures every run has, one whose values separate the runs by class,
    /// preferring the figures of the checkers whose verdict changed between the runs (<paramref name="changed"/>), then of
    /// those that decided the runs' classes (their <c>margin_s</c> first: how far the race was from flipping), then the widest gap between the classes (relative to its range); failing a clean
    /// separation, the one that varied most (range over median). (Measured on the nightly of 2026-12-08: without the
    /// preference, a GARP delay that happened to separate three runs was named instead of the race's margin.)
    /// </summary>
    internal static string? MovedBy(IReadOnlyList<ScenarioOutcome> outcomes, IReadOnlyList<Dictionary<string, (double Value, string Unit)>> figures,
        IReadOnlySet<string>? changed = null)
    {
        var runs = Enumerable.Range(0, outcomes.Count).Where(i => outcomes[i].Class != OutcomeClass.Skipped).ToArray();
        if (runs.Length < 2) return null;
        var common = runs.Select(i => (IEnumerable<string>)figures[i].Keys).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal))
            .Where(FigureValue.IsJudged).ToArray();
        var deciding = runs.SelectMany(i => outcomes[i].Checkers).ToHashSet(StringComparer.Ordinal);
        int Relevance(string name)
        {
            var checker = name.Split('.')[0];
            var margin = name.EndsWith("." + ScenarioOutcome.MarginFigure, StringComparison.Ordinal) ? 1 : 0;
            return changed?.Contains(checker) == true ? 4 + margin : deciding.Contains(checker) ? 2 + margin : 0;
        }
        (string Name, double Score, bool Separates, int Relevance)? best = null;
        foreach (var name in common)
        {
            var points = runs.Select(i => (outcomes[i].Class, figures[i][name].Value)).OrderBy(p => p.Value).ToArray();
            var range = points[^1].Value - points[0].Value;
            if (range <= 0) continue;
            // Separates: sorted by the figure, each class is one contiguous block; the score is the smallest gap between
            // neighbouring runs of different classes, relative to the range.
            var blocks = 1;
            var gap = double.MaxValue;
            for (var i = 1; i < points.Length; i++)
                if (points[i].Class != points[i - 1].Class)
                {
                    blocks++;
                    gap = Math.Min(gap, points[i].Value - points[i - 1].Value);
                }

            var separates = blocks == points.Select(p => p.Class).Distinct().Count();
            var median = Math.Abs(points[points.Length / 2].Value);
            var score = separates ? gap / range : range / (median > 0 ? median : 1);
            var relevance = separates ? Relevance(name) : 0;
            if (best is null || (separates, relevance, score).CompareTo((best.Value.Separates, best.Value.Relevance, best.Value.Score)) > 0)
                best = (name, score, separates, relevance);
        }

        if (best is not { } b) return null;
        var unit = figures[runs[0]][b.Name].Unit;
        var values = string.Join(", ", runs.Select(i => $"{outcomes[i].Class.Label()} {FigureValue.Format(figures[i][b.Name].Value, unit)}"));
        return $"{b.Name} ({values}){(b.Separates ? "" : ", which does not separate the classes cleanly")}";
    }

    /// <summary>The table for the terminal: one row per drill, then the counts; with several runs, the figures that moved.</summary>
    public static string Table(IReadOnlyList<DrillOutcomes> drills)
    {
        ArgumentNullException.ThrowIfNull(drills);
        var sb = new StringBuilder();
        if (drills.Count == 0) return "no drill recorded" + System.Environment.NewLine;
        var runs = drills.Max(d => d.Runs.Count);
        var names = drills.Select(d => $"{d.Feature}: {d.Name}").ToArray();
        var w = Math.Min(90, names.Max(n => n.Length));
        var classes = drills.Select(d => d.ClassText).ToArray();
        var cw = Math.Max(5, classes.Max(c => c.Length));
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"drill".PadRight(w)}  {"class".PadRight(cw)}  decided by");
        for (var i = 0; i < drills.Count; i++)
        {
            var d = drills[i];
            var last = d.Runs[^1];
            var why = d.Flaky ? $"moved by {d.MovedBy ?? "no figure that every run has"}"
                : last.Class is OutcomeClass.Passed ? ""
                : last.Reason;
            if (!d.Flaky && last.MarginSeconds is { } m) why += string.Create(CultureInfo.InvariantCulture, $" [margin {m:0.###} s]");
            sb.AppendLine(CultureInfo.InvariantCulture, $"{Clip(names[i], w).PadRight(w)}  {classes[i].PadRight(cw)}  {Clip(why, 160)}");
        }

        sb.AppendLine();
        var counts = Enum.GetValues<OutcomeClass>().Select(c => (c, n: drills.Count(d => !d.Flaky && d.Runs[0].Class == c))).Where(x => x.n > 0)
            .Select(x => $"{x.n} {x.c.Label()}").ToList();
        var flaky = drills.Count(d => d.Flaky);
        if (flaky > 0) counts.Add($"{flaky} flaky");
        var each = runs > 1 ? $", up to {runs} runs each" : "";
        var signal = drills.Any(d => d.Red) ? "RED: something got worse or could not be judged" : "green: nothing got worse";
        sb.AppendLine(CultureInfo.InvariantCulture, $"{drills.Count} drill(s){each}: {string.Join(", ", counts)}; {signal}");
        if (runs > 1)
        {
            sb.AppendLine();
            sb.AppendLine("figures over the runs (min / median / max):");
            foreach (var d in drills.Where(d => d.Runs.Count > 1))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {d.Feature}: {d.Name}");
                foreach (var s in d.Figures.Where(s => FigureValue.IsJudged(s.Name)))
                    sb.AppendLine(CultureInfo.InvariantCulture, $"    {s.Name,-40} {s.Text}{(s.Values.Count < d.Runs.Count ? $"  ({s.Values.Count} of {d.Runs.Count} runs)" : "")}");
            }
        }

        return sb.ToString();
    }

    private static string Clip(string s, int w) => s.Length <= w ? s : s[..(w - 1)] + "…";
}
