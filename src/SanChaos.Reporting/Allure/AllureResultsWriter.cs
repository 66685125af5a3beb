using System.Text;
using SanChaos.Reporting.Allure.Model;
using SanChaos.Reporting.Compare;
using SanChaos.Reporting.Runs;

namespace SanChaos.Reporting.Allure;

/// <summary>
/// Writes Allure results (the open Allure 2/3 results format) from drill runs: per scenario record a
/// <c>&lt;uuid&gt;-result.json</c> with the Gherkin steps as steps, the checkers' verdicts and evidence, parameters and
/// labels, and its attachments (failover timeline and I/O charts, I/O CSV, verdicts, history, captures, logs, and the
/// run folder's own files such as lint findings and the budget table); and once per folder
/// <c>environment.properties</c> (from the run's environment.json), <c>executor.json</c> and <c>categories.json</c>.
/// Fields and file names: reports/README.md.
/// </summary>
public sealed class AllureResultsWriter
{
    private readonly AllureOptions _options;

    /// <summary>Creates a writer.</summary>
    /// <param name="options">How to write; default <see cref="AllureOptions"/>' defaults.</param>
    public AllureResultsWriter(AllureOptions? options = null) => _options = options ?? new AllureOptions();

    /// <summary>The default results folder: <c>reports/allure-results</c> of the checkout.</summary>
    public static string DefaultResultsDirectory => Path.Combine(Core.Repository.Root(), "reports", "allure-results");

    /// <summary>
    /// The call after a drill run: writes the results of the run folder <paramref name="runDirectory"/> (the folder of
    /// its scenarios.jsonl) into <paramref name="resultsDirectory"/> (default <see cref="DefaultResultsDirectory"/>).
    /// </summary>
    public static AllureWriteSummary WriteRun(string runDirectory, string? resultsDirectory = null, AllureOptions? options = null) =>
        new AllureResultsWriter(options).Write(resultsDirectory ?? DefaultResultsDirectory, [RunFolder.Load(runDirectory)]);

    /// <summary>Writes the results of <paramref name="runs"/> into <paramref name="resultsDirectory"/> (created if needed).</summary>
    public AllureWriteSummary Write(string resultsDirectory, IEnumerable<RunFolder> runs)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultsDirectory);
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToArray();
        var dir = Path.GetFullPath(resultsDirectory);
        Directory.CreateDirectory(dir);
        if (_options.Clean) Clean(dir);
        var warnings = new List<string>();
        var mapper = new ScenarioMapper(_options, warnings, byLab: LabAxis.Varies(list));
        var results = 0;
        var attachments = 0;
        foreach (var run in list)
        {
            var comparison = _options.Baseline is { } b
                ? RunComparer.Compare(b, run, _options.Compare).Scenarios.Where(s => s.CandidateStatus is not null).ToList()
                : null;
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var scenario in run.Scenarios)
            {
                var n = occurrences[scenario.Result.Id] = occurrences.GetValueOrDefault(scenario.Result.Id) + 1;
                var uuid = AllureIds.Uuid(scenario.Result, n);
                ScenarioComparison? mine = null;
                if (comparison is not null)
                {
                    var key = AllureIds.HistoryId(scenario.Result);
                    mine = comparison.FirstOrDefault(c => c.HistoryId == key);
                    if (mine is not null) comparison.Remove(mine);
                }

                var (result, written) = mapper.Map(run, scenario, uuid, dir, mine);
                AllureJson.Write(Path.Combine(dir, $"{uuid}-result.json"), result);
                results++;
                attachments += written;
            }
        }

        WriteEnvironment(dir, list);
        if (list.Length > 0) WriteExecutor(dir, list[^1], _options.ReportName);
        AllureJson.Write(Path.Combine(dir, "categories.json"), AllureCategories.All);
        return new AllureWriteSummary(dir, results, attachments, warnings);
    }

    /// <summary>Removes what a previous write left: results, attachments, environment, executor, categories.</summary>
    private static void Clean(string dir)
    {
        foreach (var f in Directory.GetFiles(dir))
        {
            var n = Path.GetFileName(f);
            if (n.EndsWith("-result.json", StringComparison.Ordinal) || n.EndsWith("-container.json", StringComparison.Ordinal)
                || n.Contains("-attachment", StringComparison.Ordinal) || n is "environment.properties" or "executor.json" or "categories.json")
                File.Delete(f);
        }
    }

    private static void WriteEnvironment(string dir, IReadOnlyList<RunFolder> runs)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in runs.Select(r => r.Environment).Where(e => e is not null))
            foreach (var (k, v) in env!.Properties()) props[k] = v;
        var path = Path.Combine(dir, "environment.properties");
        if (props.Count == 0)
        {
            if (File.Exists(path)) File.Delete(path);
            return;
        }

        var sb = new StringBuilder();
        foreach (var (k, v) in props) sb.Append(Escape(k, key: true)).Append('=').Append(Escape(v, key: false)).Append('\n');
        File.WriteAllText(path, sb.ToString());
    }

    private static void WriteExecutor(string dir, RunFolder run, string reportName)
    {
        var first = run.Scenarios.Count > 0 ? run.Scenarios.Min(s => s.Result.Started) : DateTimeOffset.UtcNow;
        AllureJson.Write(Path.Combine(dir, "executor.json"),
            new AllureExecutor("SanChaos", "sanchaos", run.Name, reportName, first.ToUnixTimeSeconds()));
    }

    /// <summary>Java properties escaping (what Allure's reader parses): backslash, line breaks, and in keys '=', ':' and blanks.</summary>
    internal static string Escape(string text, bool key)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case '=' or ':' or ' ' or '#' or '!' when key: sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }
}
