using System.Diagnostics;
using System.Text.Json;
using SanChaos.Core.Errors;
using SanChaos.Reporting.Allure;

namespace SanChaos.Reporting.Html;

/// <summary>
/// Renders the HTML report from Allure results with Allure's own generator (the npm package <c>allure</c> 3.x,
/// installed by lab/install-host-packages.sh; runs offline): writes an <c>allurerc.json</c> (report name, the
/// categories, the history file, the Awesome report with its steps expanded) and runs <c>allure generate</c>.
/// </summary>
public static class AllureReport
{
    /// <summary>The environment variable naming the allure executable.</summary>
    public const string AllureVariable = "SANCHAOS_ALLURE";

    /// <summary>Where lab/install-host-packages.sh installs allure.</summary>
    public const string InstalledPath = "/opt/sanchaos/allure/node_modules/.bin/allure";

    /// <summary>The history file's place inside a report folder.</summary>
    public static readonly string HistoryInReport = Path.Combine("history", "history.jsonl");

    /// <summary>The allure executable to use, or null when none is installed.</summary>
    /// <param name="explicitPath">Takes precedence when given.</param>
    public static string? Find(string? explicitPath = null)
    {
        foreach (var c in new[] { explicitPath, System.Environment.GetEnvironmentVariable(AllureVariable), InstalledPath })
            if (!string.IsNullOrWhiteSpace(c) && File.Exists(c)) return Path.GetFullPath(c);
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "allure"))) return Path.Combine(dir, "allure");
        return null;
    }

    /// <summary>Renders <paramref name="resultsDirectories"/> into <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="SanChaosException">No allure installed, or the generator failed (its output attached).</exception>
    public static async Task<AllureReportResult> GenerateAsync(IReadOnlyList<string> resultsDirectories, string outputDirectory,
        AllureReportOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resultsDirectories);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options ??= new AllureReportOptions();
        var allure = Find(options.AllurePath) ?? throw new SanChaosException(
            "Allure's report generator is not installed (no SANCHAOS_ALLURE, no " + InstalledPath + ", no allure on the PATH).",
            "run ./lab/install-host-packages.sh as root (installs Node.js and the pinned allure npm package), or write only the results with `sanchaos report --results-only`.");
        var output = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, "index.html")))
            throw new SanChaosException($"{output} is not empty and holds no report (no index.html): not replaced.",
                "name an empty folder, a new one, or the folder of an earlier report (default reports/allure-report).");
        var work = Directory.CreateTempSubdirectory("sanchaos-allure-");
        try
        {
            // Allure appends this run to the history file it is given: work on a copy, then keep it with the report.
            var history = Path.Combine(work.FullName, "history.jsonl");
            if (HistorySource(options.History, output) is { } previous) File.Copy(previous, history, overwrite: true);
            // Allure writes each plugin into a folder of its own and moves a lone one up: it needs an empty output folder.
            var fresh = Path.Combine(work.FullName, "report");
            var config = Path.Combine(work.FullName, "allurerc.json");
            File.WriteAllText(config, JsonSerializer.Serialize(Config(options, fresh, history), new JsonSerializerOptions { WriteIndented = true }));
            var args = new List<string> { "generate" };
            args.AddRange(resultsDirectories.Select(Path.GetFullPath));
            args.AddRange(["--config", config, "--output", fresh, "--history-limit", options.HistoryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var (exit, text) = await RunAsync(allure, args, work.FullName, options.Timeout, ct).ConfigureAwait(false);
            if (exit != 0 || !File.Exists(Path.Combine(fresh, "index.html")))
                throw new SanChaosException($"`{allure} {string.Join(' ', args)}` failed (exit {exit}):\n{text.Trim()}",
                    "check the results folder (sanchaos report --results-only) and the allure installation (./lab/install-host-packages.sh).");
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            CopyTree(fresh, output);
            var kept = Path.Combine(output, HistoryInReport);
            Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
            if (File.Exists(history)) File.Copy(history, kept, overwrite: true);
            return new AllureReportResult(output, kept, allure, text);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not worth failing the report for.
            }
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
    }

    /// <summary>The history to continue: the given file, or a report folder's history file, or the output's own.</summary>
    internal static string? HistorySource(string? given, string output)
    {
        if (given is not null)
        {
            if (File.Exists(given)) return given;
            var inReport = Path.Combine(given, HistoryInReport);
            if (File.Exists(inReport)) return inReport;
            var inFolder = Path.Combine(given, "history.jsonl");
            if (File.Exists(inFolder)) return inFolder;
            throw new SanChaosException($"{given} holds no Allure history (no {HistoryInReport} or history.jsonl).",
                "name the previous report's folder, its history folder, or its history.jsonl; or leave --history out to start a new history.");
        }

        var own = Path.Combine(output, HistoryInReport);
        return File.Exists(own) ? own : null;
    }

    private static Dictionary<string, object> Config(AllureReportOptions o, string output, string history) => new()
    {
        ["name"] = o.ReportName,
        ["output"] = output,
        ["historyPath"] = history,
        ["plugins"] = new Dictionary<string, object>
        {
            ["awesome"] = new Dictionary<string, object>
            {
                ["options"] = new Dictionary<string, object>
                {
                    ["reportName"] = o.ReportName,
                    ["singleFile"] = o.SingleFile,
                    ["stepTreeExpansion"] = "expanded",
                    ["groupBy"] = new[] { "parentSuite", "suite" },
                },
            },
        },
        ["categories"] = new Dictionary<string, object>
        {
            ["rules"] = AllureCategories.All.Select(c => new Dictionary<string, object?>
            {
                ["name"] = c.Name,
                ["matchedStatuses"] = c.MatchedStatuses,
                ["messageRegex"] = c.MessageRegex,
            }).ToArray(),
        },
    };

    private static async Task<(int Exit, string Output)> RunAsync(string allure, IReadOnlyList<string> args, string cwd, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(allure)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = cwd,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // A node installed beside allure (hosts whose own node is too old) comes first; no colours in captured output.
        psi.Environment["PATH"] = Path.GetDirectoryName(allure) + ":" + System.Environment.GetEnvironmentVariable("PATH");
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["FORCE_COLOR"] = "0";
        using var p = Process.Start(psi) ?? throw new SanChaosException($"cannot start {allure}", "check the allure installation.");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = p.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await p.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            throw new SanChaosException($"allure generate did not finish within {timeout.TotalSeconds:0} s and was stopped.",
                "retry; a results folder with very large attachments (pcaps) takes longer: see AllureOptions.MaxAttachmentBytes.");
        }

        return (p.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
