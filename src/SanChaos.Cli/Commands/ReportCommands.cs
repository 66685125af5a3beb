using System.CommandLine;
using System.Globalization;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.Time;
using SanChaos.Reporting.Allure;
using SanChaos.Reporting.Compare;
using SanChaos.Reporting.Html;
using SanChaos.Reporting.Outcomes;
using SanChaos.Reporting.Runs;

namespace SanChaos.Cli.Commands;

/// <summary><c>sanchaos report</c> (Allure results and the HTML report) and <c>sanchaos compare</c> (before/after).</summary>
internal static class ReportCommands
{
    public static IEnumerable<Command> Build() => [BuildReport(), BuildCompare(), BuildOutcomes()];

    private static Command BuildOutcomes()
    {
        var runs = new Argument<string[]>("runs")
        {
            Description = "Run folders in the order they ran (e.g. three nightlies in a row), or one run of SANCHAOS_REPEAT=N. Default: the newest run under reports/runs.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var outcomes = new Command("outcomes", "Each drill's outcome class (passed, expected finding, expected finding missing, regression, marginal, broken) over one or more runs: drills whose class changed are flaky, with the figure that moved them; each figure's min/median/max. Exit 1 when the nightly is red.")
        {
            runs,
        };
        outcomes.SetGuardedAction((parse, _) => Task.FromResult(Outcomes(parse.GetValue(runs) ?? [], Console.Out)), errorExit: 2);
        return outcomes;
    }

    /// <summary>Prints the outcome table of <paramref name="runs"/> (records in run order); 1 when a drill is red or flaky.</summary>
    internal static int Outcomes(string[] runs, TextWriter stdout)
    {
        if (runs.Length == 0) runs = [LatestRun()];
        var records = runs.Select(LoadRun).SelectMany(r => r.Scenarios.Select(s => s.Result)).ToArray();
        var drills = OutcomeSummary.Of(records);
        stdout.Write(OutcomeSummary.Table(drills));
        return drills.Any(d => d.Red) ? 1 : 0;
    }

    private static string LatestRun() => RunFolder.Latest(Path.Combine(Reports, "runs")) ?? throw new SanChaosException(
        $"No drill run under {Path.Combine(Reports, "runs")}.", "run the drills first (dotnet test tests/SanChaos.Drills.Tests), or name run folders.");

    private static string Reports => Path.Combine(Repository.Root(), "reports");

    private static Command BuildReport()
    {
        var inputs = new Argument<string[]>("results")
        {
            Description = "Run folders (reports/runs/<time>-<pid>), folders of runs (reports/runs), or allure-results folders. Default: the newest run under reports/runs.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out") { Description = "The HTML report's folder (default reports/allure-report); with --results-only, the results folder (default reports/allure-results)." };
        var resultsOnly = new Option<bool>("--results-only") { Description = "Write only the Allure results (no HTML; needs no Node.js)." };
        var append = new Option<bool>("--append") { Description = "Keep what the results folder already holds (default: replace it)." };
        var history = new Option<string?>("--history") { Description = "Continue this Allure history: a previous report's folder or its history/history.jsonl (default: the --out folder's own)." };
        var singleFile = new Option<bool>("--single-file") { Description = "One self-contained index.html that opens from disk (default: a folder to serve over HTTP)." };
        var baseline = new Option<string?>("--baseline") { Description = "Attach to each scenario its comparison with this run folder (see `sanchaos compare`)." };
        var threshold = new Option<string>("--threshold") { Description = "Regression threshold of --baseline: a change worse than this share, e.g. 10%.", DefaultValueFactory = _ => "10%" };
        var report = new Command("report", "Allure results from drill runs (charts, captures, logs, verdicts) and the HTML report rendered offline by Allure 3 (installed by lab/install-host-packages.sh). See reports/README.md.")
        {
            inputs, output, resultsOnly, append, history, singleFile, baseline, threshold,
        };
        report.SetGuardedAction((parse, ct) => ReportAsync(parse.GetValue(inputs) ?? [], parse.GetValue(output), parse.GetValue(resultsOnly), parse.GetValue(append),
            parse.GetValue(history), parse.GetValue(singleFile), parse.GetValue(baseline), parse.GetValue(threshold)!, ct));
        return report;
    }

    private static Command BuildCompare()
    {
        var baseline = new Argument<string>("baseline") { Description = "The run before the change (a run folder, or a folder of runs: its newest)." };
        var candidate = new Argument<string>("candidate") { Description = "The run after the change." };
        var threshold = new Option<string>("--threshold") { Description = "A figure regresses when it gets worse by more than this share of its baseline, e.g. 10%.", DefaultValueFactory = _ => "10%" };
        var minTime = new Option<string>("--min-time-change") { Description = "...and, for a time, by at least this much, e.g. 500 ms.", DefaultValueFactory = _ => "500 ms" };
        var json = new Option<bool>("--json") { Description = "Print JSON (for CI) instead of the table." };
        var compare = new Command("compare", "Compare two drill runs (before and after an upgrade): each scenario's timing figures and verdicts with their change. Exit 1 on a regression, 2 on an error.")
        {
            baseline, candidate, threshold, minTime, json,
        };
        compare.SetGuardedAction((parse, _) => Task.FromResult(Compare(parse.GetValue(baseline)!, parse.GetValue(candidate)!, parse.GetValue(threshold)!,
            parse.GetValue(minTime)!, parse.GetValue(json), Console.Out)), errorExit: 2);
        return compare;
    }

    private static async Task<int> ReportAsync(string[] inputs, string? output, bool resultsOnly, bool append, string? history, bool singleFile,
        string? baseline, string threshold, CancellationToken ct)
    {
        if (inputs.Length == 0) inputs = [LatestRun()];
        var allureResults = inputs.Where(p => Directory.Exists(p) && !RunFolder.IsRunFolder(p) && Directory.EnumerateFiles(p, "*-result.json").Any()).ToArray();
        var runs = RunFolder.LoadAll(inputs.Except(allureResults));
        var resultsDir = resultsOnly && output is not null ? output : Path.Combine(Reports, "allure-results");
        var options = new AllureOptions
        {
            Clean = !append,
            Baseline = baseline is null ? null : LoadRun(baseline),
            Compare = new ComparisonOptions { ThresholdPercent = Percent(threshold) },
        };
        var written = new AllureResultsWriter(options).Write(resultsDir, runs);
        Console.WriteLine($"allure results: {written.ResultsDirectory} ({written.Results} results, {written.Attachments} attachments, from {runs.Count} run(s))");
        foreach (var w in written.Warnings) Console.Error.WriteLine($"warning: {w}");
        if (resultsOnly) return 0;

        var outDir = output ?? Path.Combine(Reports, "allure-report");
        var html = await AllureReport.GenerateAsync([written.ResultsDirectory, .. allureResults], outDir,
            new AllureReportOptions { History = history, SingleFile = singleFile }, ct).ConfigureAwait(false);
        Console.WriteLine($"report: {Path.Combine(html.ReportDirectory, "index.html")} (history: {html.HistoryFile})");
        if (!singleFile) Console.WriteLine($"serve it: cd {html.ReportDirectory} && python3 -m http.server --bind 127.0.0.1 8080");
        return 0;
    }

    /// <summary>Prints the comparison; 1 on a regression.</summary>
    private static int Compare(string baseline, string candidate, string threshold, string minTime, bool json, TextWriter stdout) =>
        Compare(baseline, candidate, ComparisonOptionsOf(threshold, minTime), json, stdout);

    /// <summary>Compares two runs (folders, or folders of runs: their newest) and prints it as text or JSON; 1 on a regression.</summary>
    internal static int Compare(string baseline, string candidate, ComparisonOptions options, bool json, TextWriter stdout)
    {
        var c = RunComparer.Compare(LoadRun(baseline), LoadRun(candidate), options);
        stdout.Write(json ? RunComparer.ToJson(c) + "\n" : RunComparer.Text(c));
        return c.HasRegression ? 1 : 0;
    }

    /// <summary>The options of <c>--threshold</c> and <c>--min-time-change</c>; an error naming the bad one.</summary>
    internal static ComparisonOptions ComparisonOptionsOf(string threshold, string minTime)
    {
        if (!Durations.TryParse(minTime, out var min))
            throw new SanChaosException($"--min-time-change {minTime}: not a duration.", $"write {Durations.Forms}.");
        return new ComparisonOptions { ThresholdPercent = Percent(threshold), MinTimeChange = min };
    }

    private static RunFolder LoadRun(string path) =>
        RunFolder.IsRunFolder(path) ? RunFolder.Load(path)
        : RunFolder.Load(RunFolder.Latest(path) ?? throw new SanChaosException($"{path} is not a drill run and holds none.",
            "name a run folder (reports/runs/<time>-<pid>, the one holding scenarios.jsonl)."));

    private static double Percent(string text)
    {
        var t = text.Trim().TrimEnd('%').Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0) return p;
        throw new SanChaosException($"--threshold {text}: not a percentage.", "write e.g. 10% (a change worse than 10% of the baseline value is a regression).");
    }
}
