using SanChaos.Core.Errors;
using SanChaos.Gherkin.Execution;
using SanChaos.Reporting.Environment;

namespace SanChaos.Reporting.Runs;

/// <summary>
/// What one drill run left on disk: <c>reports/runs/&lt;time&gt;-&lt;pid&gt;/</c> with <c>scenarios.jsonl</c> (one
/// <see cref="ScenarioResult"/> per line), each scenario's own folder beside it (history.jsonl, captures, probe and
/// node logs) and, when the drill run collected it, <c>environment.json</c> (<see cref="RunEnvironment"/>). Everything a
/// report shows is read from these files alone (see reports/README.md).
/// </summary>
public sealed class RunFolder
{
    /// <summary>The results file's name inside a run folder.</summary>
    public const string ResultsFileName = "scenarios.jsonl";

    private RunFolder(string directory, string resultsFile, IReadOnlyList<ScenarioRun> scenarios, RunEnvironment? environment)
    {
        Directory = directory;
        ResultsFile = resultsFile;
        Scenarios = scenarios;
        Environment = environment;
    }

    /// <summary>The run folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The results file read (absolute).</summary>
    public string ResultsFile { get; }

    /// <summary>The folder's name (<c>&lt;time&gt;-&lt;pid&gt;</c> for a drill run): names the run in reports.</summary>
    public string Name => Path.GetFileName(Directory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The scenarios in the order they were written.</summary>
    public IReadOnlyList<ScenarioRun> Scenarios { get; }

    /// <summary>The run's environment (lab, versions per node, SUT settings), or null when the run did not collect it.</summary>
    public RunEnvironment? Environment { get; }

    /// <summary>True when <paramref name="path"/> is a run folder or a results file.</summary>
    public static bool IsRunFolder(string path) =>
        File.Exists(path) ? path.EndsWith(".jsonl", StringComparison.Ordinal) : File.Exists(Path.Combine(path, ResultsFileName));

    /// <summary>
    /// Reads a run folder, or a results file (JSON lines) together with the folder it is in. A scenario's
    /// <c>artifactDirectory</c> is used as recorded when it exists, else the folder of the same name beside the results
    /// file (a run folder that was copied or archived elsewhere still finds its files).
    /// </summary>
    /// <exception cref="SanChaosException">Neither a run folder nor a results file, or a line that is not a scenario record.</exception>
    public static RunFolder Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var file = File.Exists(full) ? full : Path.Combine(full, ResultsFileName);
        if (!File.Exists(file))
            throw new SanChaosException($"{path} is not a drill run: it has no {ResultsFileName}.",
                $"name a run folder (reports/runs/<time>-<pid>/, the one holding {ResultsFileName}), or the folder of such folders (reports/runs).");
        var dir = Path.GetDirectoryName(file)!;
        IReadOnlyList<ScenarioResult> records;
        try
        {
            records = JsonLinesResultSink.Read(file);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new SanChaosException($"{file}: a line is not a scenario record: {e.Message}",
                "the file is written by the drill runner (JsonLinesResultSink); restore it from the run's archive.", e);
        }

        var scenarios = records.Select(r => new ScenarioRun(r, Resolve(dir, r.ArtifactDirectory))).ToArray();
        var envFile = Path.Combine(dir, RunEnvironment.FileName);
        return new RunFolder(dir, file, scenarios, File.Exists(envFile) ? RunEnvironment.Read(envFile) : null);
    }

    /// <summary>
    /// The run folders <paramref name="paths"/> name: each path is a run folder, a results file, or a folder of run
    /// folders (e.g. <c>reports/runs</c>: every run in it, oldest first by name).
    /// </summary>
    /// <exception cref="SanChaosException">A path that holds no run.</exception>
    public static IReadOnlyList<RunFolder> LoadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var runs = new List<RunFolder>();
        foreach (var p in paths)
        {
            if (IsRunFolder(p))
            {
                runs.Add(Load(p));
                continue;
            }

            var inner = System.IO.Directory.Exists(p)
                ? System.IO.Directory.GetDirectories(p).Where(IsRunFolder).Order(StringComparer.Ordinal).ToArray()
                : [];
            if (inner.Length == 0)
                throw new SanChaosException($"{p} holds no drill run (no {ResultsFileName} in it or in its folders).",
                    "run the drills first (dotnet test tests/SanChaos.Drills.Tests), or name a folder under reports/runs.");
            runs.AddRange(inner.Select(Load));
        }

        return runs;
    }

    /// <summary>The newest run under <paramref name="runsDirectory"/> (by folder name, which starts with its UTC time), or null.</summary>
    public static string? Latest(string runsDirectory) =>
        System.IO.Directory.Exists(runsDirectory)
            ? System.IO.Directory.GetDirectories(runsDirectory).Where(IsRunFolder).Order(StringComparer.Ordinal).LastOrDefault()
            : null;

    private static string? Resolve(string runDir, string? recorded)
    {
        if (string.IsNullOrEmpty(recorded)) return null;
        if (System.IO.Directory.Exists(recorded)) return Path.GetFullPath(recorded);
        var beside = Path.Combine(runDir, Path.GetFileName(recorded.TrimEnd('/', '\\')));
        return System.IO.Directory.Exists(beside) ? beside : null;
    }
}
