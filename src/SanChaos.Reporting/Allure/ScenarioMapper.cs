using System.Net;
using System.Text;
using SanChaos.Core.Time;
using SanChaos.Gherkin.Execution;
using SanChaos.Reporting.Allure.Model;
using SanChaos.Reporting.Charts;
using SanChaos.Reporting.Compare;
using SanChaos.Reporting.Runs;

namespace SanChaos.Reporting.Allure;

/// <summary>
/// One scenario record and its folder as an Allure result with its attachments. With <paramref name="byLab"/> (a report
/// that merges runs of more than one lab or build, e.g. a CI matrix's jobs), a result's history id and its parameters
/// also carry the lab and build it ran on (<see cref="LabAxis"/>), so the same drill on two builds is two results with
/// two histories, not one result retried.
/// </summary>
internal sealed class ScenarioMapper(AllureOptions options, List<string> warnings, bool byLab = false)
{
    /// <summary>The files of a scenario's folder the report draws or states itself rather than attaching them raw first.</summary>
    private static readonly string[] Charted = [ScenarioRun.HistoryFileName];

    /// <summary>The timeline attachments' title.</summary>
    internal const string TimelineTitle = "failover timeline";

    public (AllureTestResult Result, int Attachments) Map(RunFolder run, ScenarioRun scenario, string uuid, string resultsDirectory,
        ScenarioComparison? comparison)
    {
        var r = scenario.Result;
        var files = new AttachmentWriter(resultsDirectory, uuid, options.MaxAttachmentBytes, warnings);
        var start = r.Started.ToUnixTimeMilliseconds();
        var stop = start + (long)r.Duration.TotalMilliseconds;
        var (_, examples) = ExamplesName.Parse(r.Name);
        var status = AllureStatuses.Of(r);
        var attachments = new List<AllureAttachment>();

        var history = History(scenario);
        var timeline = history.Count > 0 ? FailoverTimeline.From(history) : null;
        if (timeline is not null && options.ChartFormats != ChartFormat.None) attachments.AddRange(Charts(scenario, timeline, history, files));
        if (comparison is not null)
            attachments.Add(files.Text($"compared with baseline {options.Baseline?.Name}",
                RunComparer.ScenarioText(comparison), ".txt", "text/plain"));
        if ((r.Verdicts ?? []).Count > 0) attachments.Add(files.Text("verdicts and evidence", VerdictText(r), ".txt", "text/plain"));
        if (scenario.Directory is { } dir)
        {
            if (scenario.HistoryPath is { } h && files.File("history (history.jsonl)", h, "text/plain") is { } ha) attachments.Add(ha);
            foreach (var rel in scenario.Files.Where(f => !Charted.Contains(f, StringComparer.Ordinal)))
                if (files.File(rel, Path.Combine(dir, rel)) is { } a) attachments.Add(a);
        }

        foreach (var file in RunLevelFiles(run))
            if (files.File($"run: {Path.GetFileName(file)}", file) is { } a) attachments.Add(a);

        var result = new AllureTestResult
        {
            Uuid = uuid,
            HistoryId = AllureIds.HistoryId(r, byLab ? LabAxis.Of(run) : null),
            TestCaseId = AllureIds.TestCaseId(r),
            Name = r.Name,
            FullName = $"{r.FeatureFile}: {r.Name}",
            DescriptionHtml = DescriptionHtml(run, scenario, Embedded(attachments, resultsDirectory)),
            Status = status,
            StatusDetails = Details(r, status),
            Start = start,
            Stop = stop,
            Steps = Steps(r, start),
            Attachments = attachments,
            Parameters = Parameters(r, byLab ? examples.Prepend(new KeyValuePair<string, string>("lab", LabAxis.Of(run))).ToArray() : examples, run),
            Labels = Labels(r, run),
            TitlePath = [r.FeatureFile, r.Feature],
        };
        return (result, files.Written);
    }

    private IReadOnlyList<Core.History.HistoryEvent> History(ScenarioRun s)
    {
        try
        {
            return s.History;
        }
        catch (Core.Errors.SanChaosException e)
        {
            warnings.Add($"{s.Result.Name}: history not charted: {e.Problem}");
            return [];
        }
    }

    private List<AllureAttachment> Charts(ScenarioRun s, FailoverTimeline t, IReadOnlyList<Core.History.HistoryEvent> history, AttachmentWriter files)
    {
        var list = new List<AllureAttachment>();
        try
        {
            foreach (var f in TimelineChart.Render(t, s.Result.Name, files.Stem(), options.ChartFormats, options.ChartWidth, options.ChartHeight))
                list.Add(files.Adopt($"{TimelineTitle} ({Path.GetExtension(f)[1..]})", f));
            var io = IoSeries.From(history);
            if (io.Count > 0)
            {
                foreach (var f in IoChart.Render(io, t, $"{s.Result.Name}: I/O per second", files.Stem(), options.ChartFormats, options.ChartWidth, options.ChartHeight))
                    list.Add(files.Adopt($"I/O latency and errors ({Path.GetExtension(f)[1..]})", f));
                list.Add(files.Text("I/O per second (CSV)", IoSeries.Csv(io, t.Origin), ".csv", "text/csv"));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            warnings.Add($"{s.Result.Name}: charts not drawn: {e.GetType().Name}: {e.Message}");
        }

        return list;
    }

    /// <summary>Files in the run folder itself beside scenarios.jsonl and environment.json (lint findings, budget table,
    /// configuration): attached to every scenario of the run.</summary>
    private static IEnumerable<string> RunLevelFiles(RunFolder run) =>
        Directory.GetFiles(run.Directory)
            .Where(f => Path.GetFileName(f) is var n && n != RunFolder.ResultsFileName && n != Environment.RunEnvironment.FileName && !n.StartsWith('.'))
            .Where(f => !string.Equals(f, run.ResultsFile, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static AllureStatusDetails? Details(ScenarioResult r, string status)
    {
        var notValid = (r.Verdicts ?? []).Where(v => v.Status != "valid").Select(v => $"{v.Checker}: {v.Status.ToUpperInvariant()}: {v.Summary}").ToArray();
        var outcome = r.Classified;
        var head = outcome.Class == OutcomeClass.Passed ? null : $"{outcome.Class.Label()}: {outcome.Reason}";
        var message = string.Join("\n", new[] { head, r.Error }.Concat(notValid).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal));
        var trace = new StringBuilder();
        if ((r.Verdicts ?? []).Count > 0) trace.Append(VerdictText(r));
        if (r.TeardownErrors.Count > 0)
        {
            trace.AppendLine("teardown errors (beside the failure above, not instead of it):");
            foreach (var e in r.TeardownErrors) trace.AppendLine("  " + e);
        }

        if ((r.Repairs ?? []).Count > 0)
        {
            trace.AppendLine("lab repairs at the scenario's end (it left the lab that way):");
            foreach (var x in r.Repairs!) trace.AppendLine("  " + x);
        }

        if (message.Length == 0 && trace.Length == 0) return null;
        return new AllureStatusDetails(message.Length > 0 ? message : status == AllureStatuses.Passed ? null : status, trace.Length > 0 ? trace.ToString() : null);
    }

    internal static string VerdictText(ScenarioResult r)
    {
        var sb = new StringBuilder();
        foreach (var v in r.Verdicts ?? [])
        {
            sb.AppendLine($"{v.Checker}: {v.Status.ToUpperInvariant()}: {v.Summary}");
            foreach (var e in v.Evidence) sb.AppendLine("  " + e);
            foreach (var (k, x) in v.Figures ?? new Dictionary<string, double>()) sb.AppendLine($"  {k} = {x.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return sb.ToString();
    }

    private static List<AllureStep> Steps(ScenarioResult r, long start)
    {
        var cursor = start;
        var verdicts = (r.Verdicts ?? []).ToList();
        var steps = new List<AllureStep>();
        foreach (var s in r.Steps)
        {
            var from = s.Started?.ToUnixTimeMilliseconds() ?? cursor;
            var to = from + (long)s.Duration.TotalMilliseconds;
            cursor = Math.Max(cursor, to);
            var mine = verdicts.Where(v => v.Step == s.Line).ToArray();
            verdicts.RemoveAll(v => v.Step == s.Line);
            steps.Add(new AllureStep
            {
                Name = $"{s.Keyword.Trim()} {s.Text}",
                Status = AllureStatuses.Of(s.Status),
                StatusDetails = s.Error is { } e ? new AllureStatusDetails(e, s.Binding is { } b ? $"{e}\n\nbinding: {b}\nline {s.Line}" : null) : null,
                Start = from,
                Stop = to,
                Steps = mine.Select(v => VerdictStep(v, to)).ToArray(),
                Parameters = [new AllureParameter("line", $"{r.FeatureFile}:{s.Line}")],
            });
        }

        if ((r.Repairs ?? []).Count > 0)
            steps.Add(RepairsStep(r.Repairs!, cursor));
        if (verdicts.Count > 0)
            steps.Add(new AllureStep
            {
                Name = "checkers",
                Status = verdicts.Any(v => v.Status == "invalid") ? AllureStatuses.Failed : verdicts.Any(v => v.Status != "valid") ? AllureStatuses.Broken : AllureStatuses.Passed,
                Start = cursor,
                Stop = cursor,
                Steps = verdicts.Select(v => VerdictStep(v, cursor)).ToArray(),
            });
        return steps;
    }

    /// <summary>
    /// The repairs the lab's recovery made at the scenario's end, one sub-step each with what was wrong, for how long and
    /// what was done: failed for a behaviour of the SAN (the checker named judges it), broken for a lab artifact.
    /// </summary>
    private static AllureStep RepairsStep(IReadOnlyList<ScenarioRepair> repairs, long at)
    {
        static string StatusOf(ScenarioRepair x) => x.Class == "sut" ? AllureStatuses.Failed : AllureStatuses.Broken;
        return new AllureStep
        {
            Name = $"lab repairs at the scenario's end: {repairs.Count}",
            Status = repairs.Any(x => StatusOf(x) == AllureStatuses.Failed) ? AllureStatuses.Failed : AllureStatuses.Broken,
            Start = at,
            Stop = at,
            Steps = repairs.Select(x => new AllureStep
            {
                Name = $"{x.Node}: {x.What}",
                Status = StatusOf(x),
                StatusDetails = new AllureStatusDetails(x.ToString(), x.Source),
                Start = at,
                Stop = at,
                Parameters =
                [
                    new AllureParameter("wrong for", $"{x.ForSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s"),
                    new AllureParameter("done", x.Done),
                    new AllureParameter("kind", x.Kind),
                    new AllureParameter(x.Class == "sut" ? "judged by" : "lab artifact", x.Class == "sut" ? x.Checker ?? "" : x.Source),
                ],
            }).ToArray(),
        };
    }

    private static AllureStep VerdictStep(ScenarioVerdict v, long at) => new()
    {
        Name = $"{v.Checker}: {v.Status.ToUpperInvariant()}: {v.Summary}",
        Status = AllureStatuses.Of(v),
        StatusDetails = v.Status == "valid" ? null : new AllureStatusDetails(v.Summary, string.Join("\n", v.Evidence)),
        Start = at,
        Stop = at,
        Steps = v.Evidence.Select(e => new AllureStep { Name = e, Status = AllureStatuses.Of(v), Start = at, Stop = at }).ToArray(),
        Parameters = (v.Figures ?? new Dictionary<string, double>())
            .Select(kv => new AllureParameter(kv.Key, kv.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))).ToArray(),
    };

    private static List<AllureParameter> Parameters(ScenarioResult r, IReadOnlyList<KeyValuePair<string, string>> examples, RunFolder run)
    {
        var list = examples.Select(kv => new AllureParameter(kv.Key, kv.Value)).ToList();
        // The SUT's timeouts: shown with the result, but not part of its identity (a changed deadtime is the same drill).
        foreach (var (k, v) in run.Environment?.Sut ?? new Dictionary<string, string>())
            if (Durations.TryParse(v, out _) || k == "multipath.no-path-retry") list.Add(new AllureParameter(k, v, Excluded: true));
        list.Add(new AllureParameter("seed", r.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Excluded: true));
        var outcome = r.Classified;
        list.Add(new AllureParameter("outcome", outcome.Class.Label() + (outcome.Checkers.Count > 0 ? $" ({string.Join(", ", outcome.Checkers)})" : ""), Excluded: true));
        if (outcome.MarginSeconds is { } m)
            list.Add(new AllureParameter("margin", Durations.Format(TimeSpan.FromSeconds(m)), Excluded: true));
        if (r.Repairs is { } repairs)
            list.Add(new AllureParameter("lab repairs", repairs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Excluded: true));
        return list;
    }

    private static List<AllureLabel> Labels(ScenarioResult r, RunFolder run)
    {
        var labels = new List<AllureLabel>
        {
            new("feature", r.Feature),
            new("suite", r.Feature),
            new("parentSuite", "drills"),
            new("package", Path.ChangeExtension(r.FeatureFile, null).Replace('/', '.')),
            new("framework", "sanchaos"),
            new("language", "gherkin"),
            new("run", run.Name),
            new("outcome", r.Classified.Class.Label()),
        };
        labels.AddRange(r.Tags.Select(t => new AllureLabel("tag", t)));
        if (run.Environment is { } env)
        {
            labels.Add(new AllureLabel("host", env.Host));
            labels.Add(new AllureLabel("lab", env.LabName));
            labels.Add(new AllureLabel("labKind", env.LabKind));
        }

        return labels;
    }

    /// <summary>The timeline PNG as a data URI, shown at the top of the result (attachments are listed collapsed); null
    /// when there is none, embedding is off, or it is over <see cref="AllureOptions.MaxEmbeddedBytes"/>.</summary>
    private string? Embedded(IEnumerable<AllureAttachment> attachments, string resultsDirectory)
    {
        var png = attachments.FirstOrDefault(a => a.Name.StartsWith(TimelineTitle, StringComparison.Ordinal) && a.Type == "image/png");
        if (png is null) return null;
        var bytes = File.ReadAllBytes(Path.Combine(resultsDirectory, png.Source));
        return bytes.Length <= options.MaxEmbeddedBytes ? "data:image/png;base64," + Convert.ToBase64String(bytes) : null;
    }

    private static string DescriptionHtml(RunFolder run, ScenarioRun s, string? timeline)
    {
        var r = s.Result;
        static string H(string? t) => WebUtility.HtmlEncode(t ?? "");
        var sb = new StringBuilder();
        if (timeline is not null) sb.Append($"<h3>Failover timeline</h3><p><img alt=\"{TimelineTitle}\" style=\"max-width:100%\" src=\"{timeline}\"/></p>");
        if ((r.Figures ?? []).Count > 0)
        {
            sb.Append("<h3>Figures</h3><table><tr><th>figure</th><th>value</th><th>detail</th></tr>");
            foreach (var f in r.Figures!) sb.Append($"<tr><td>{H(f.Name)}</td><td>{H(f.Value)}</td><td>{H(f.Detail)}</td></tr>");
            sb.Append("</table>");
        }

        if ((r.Verdicts ?? []).Count > 0)
        {
            sb.Append("<h3>Verdicts</h3>");
            foreach (var v in r.Verdicts!)
            {
                sb.Append($"<p><b>{H(v.Checker)}: {H(v.Status.ToUpperInvariant())}</b>: {H(v.Summary)}</p>");
                if (v.Evidence.Count > 0) sb.Append("<ul>").Append(string.Concat(v.Evidence.Select(e => $"<li><code>{H(e)}</code></li>"))).Append("</ul>");
            }
        }

        if ((r.Repairs ?? []).Count > 0)
        {
            sb.Append("<h3>Lab repairs at the scenario's end</h3><table><tr><th>node</th><th>what was wrong</th><th>for</th><th>what was done</th><th>whose</th></tr>");
            foreach (var x in r.Repairs!)
                sb.Append($"<tr><td>{H(x.Node)}</td><td>{H(x.What)}</td><td>{x.ForSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s</td><td>{H(x.Done)}</td>" +
                          $"<td>{H(x.Class == "sut" ? $"SUT behaviour {x.Kind}, judged by {x.Checker}" : $"lab artifact {x.Kind}: {x.Source}")}</td></tr>");
            sb.Append("</table>");
        }

        sb.Append($"<p>run <code>{H(run.Name)}</code>, run id <code>{H(r.RunId)}</code>, seed <code>{r.Seed}</code>, scenario <code>{H(r.Id)}</code>");
        if (r.TeardownErrors.Count > 0) sb.Append($"; {r.TeardownErrors.Count} teardown error(s)");
        sb.Append("</p>");
        return sb.ToString();
    }
}
