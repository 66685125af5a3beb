using System.Reflection;
using SanChaos.Core.Errors;
using SanChaos.Gherkin.Bindings;
using SanChaos.Gherkin.Execution;
using Xunit;

namespace SanChaos.Gherkin.Xunit;

/// <summary>
/// Runs a scenario found by <see cref="FeaturesAttribute"/> inside a test: compiles the feature, runs it
/// with the bindings of the given assemblies, writes its record to the run's results file and throws
/// <see cref="ScenarioFailedException"/> when it did not pass; a scenario skipped by <see cref="SkippedStepException"/>
/// (it cannot run on this lab) skips the test with the reason.
/// </summary>
public static class DrillHost
{
    /// <summary>The environment variable naming the results file (JSON lines). Default: <c>reports/runs/&lt;time&gt;-&lt;pid&gt;/scenarios.jsonl</c>.</summary>
    public const string ResultsVariable = "SANCHAOS_RESULTS";

    private static readonly Dictionary<Assembly, BindingRegistry> Registries = new();
    private static IScenarioResultSink? _sink;

    /// <summary>The sink scenario records go to (settable for tests; defaults to a JSON-lines file).</summary>
    public static IScenarioResultSink Sink
    {
        get
        {
            lock (Registries) return _sink ??= new JsonLinesResultSink(DefaultResultsPath());
        }
        set
        {
            lock (Registries) _sink = value;
        }
    }

    /// <summary>Runs scenario <paramref name="scenarioId"/> of <paramref name="featuresDirectory"/>.</summary>
    /// <param name="scenarioId">The id from the data row.</param>
    /// <param name="bindingAssembly">Assembly holding the [Binding] classes.</param>
    /// <param name="featuresDirectory">The features folder (as given to <see cref="FeaturesAttribute"/>).</param>
    /// <param name="configure">Registers objects in each scenario's context before its hooks run.</param>
    /// <param name="ct">Cancellation; default: the current test's token.</param>
    public static async Task<ScenarioResult> RunAsync(string scenarioId, Assembly bindingAssembly, string featuresDirectory = "features",
        Action<ScenarioContext>? configure = null, CancellationToken? ct = null)
    {
        scenarioId = Repeat.Parse(scenarioId).ScenarioId;
        var files = FeatureSource.Load(featuresDirectory);
        var broken = files.FirstOrDefault(f => f.ParseErrorId == scenarioId);
        if (broken is not null)
            throw new SanChaosException(
                $"{broken.Path} does not parse; none of its scenarios ran:{Environment.NewLine}" + string.Join(Environment.NewLine, broken.Errors.Select(e => "  " + e)),
                "fix the Gherkin at the positions above (every other feature still runs).");
        var scenario = files.SelectMany(f => f.Scenarios).FirstOrDefault(s => s.Id == scenarioId)
            ?? throw new SanChaosException($"No scenario {scenarioId} in {featuresDirectory}: the feature files changed since discovery.", "rebuild and run the tests again.");

        BindingRegistry registry;
        lock (Registries)
        {
            if (!Registries.TryGetValue(bindingAssembly, out registry!))
                Registries[bindingAssembly] = registry = BindingRegistry.FromAssemblies(bindingAssembly);
        }

        var token = ct ?? TestContext.Current.CancellationToken;
        var artifacts = ArtifactDirectoryFor(scenario);
        Progress($"drill start: {scenario.DisplayName} ({scenario.Id})");
        var (result, cause) = await new ScenarioRunner(registry) { DryRun = Core.DryRunSwitch.Resolve(), DryRunOutput = Progress }.RunAsync(scenario, token, c =>
        {
            c.ArtifactDirectory = artifacts;
            configure?.Invoke(c);
        }).ConfigureAwait(false);
        result = result with { Outcome = ScenarioOutcome.Classify(result) };
        Sink.Write(result);
        Progress(EndLine(scenario, result));
        var output = TestContext.Current.TestOutputHelper;
        if (output is not null)
            foreach (var s in result.Steps)
                output.WriteLine($"{s.Status,-9} {s.Keyword} {s.Text}  ({scenario.FeatureFile}:{s.Line}, {s.Duration.TotalSeconds:0.###} s)");
        if (output is not null && result.Figures is { Count: > 0 } figures)
        {
            output.WriteLine("figures:");
            foreach (var f in figures) output.WriteLine($"  {f}");
        }

        if (output is not null && result.ArtifactDirectory is { } dir && Directory.Exists(dir)) output.WriteLine($"files: {dir}");
        // A scenario this system cannot run (a step raised SkippedStepException), or a dry run, is a skipped test, with the reason.
        if (result.Status == StepStatus.Skipped)
            throw new ScenarioSkippedException(result,
                cause is Core.Errors.SanChaosException { Remedy.Length: > 0 } s ? $"{s.Problem} What to do: {s.Remedy}" : result.Error ?? "skipped");
        // The nightly's question is "did it get worse?": a declared finding seen as declared, or a race decided by less than
        // the drill's margin, keeps the test green (its class and evidence are in the record, the end line and the report);
        // a regression, a declared finding gone missing and a drill that could not be judged make it red.
        if (result.Outcome!.Class.IsRed()) throw new ScenarioFailedException(result, cause);
        return result;
    }

    /// <summary>
    /// A line shown while <c>dotnet test</c> runs, at its default verbosity: xunit's diagnostic messages are the only
    /// test output the VSTest console prints live (the test project's xunit.runner.json sets <c>diagnosticMessages</c>);
    /// a test's own output appears only when it ends, and only with <c>--logger "console;verbosity=detailed"</c>.
    /// </summary>
    private static void Progress(string line) => TestContext.Current.SendDiagnosticMessage(line);

    /// <summary>The end of a drill in one line: status, duration, verdicts, the figures with a number, the files.</summary>
    internal static string EndLine(Model.Scenario scenario, ScenarioResult r)
    {
        var outcome = r.Classified;
        var parts = new List<string> { $"drill end: {outcome.Class.Label().ToUpperInvariant()} {scenario.DisplayName} in {r.Duration.TotalSeconds:0.#} s" };
        if (outcome.Class is not (OutcomeClass.Passed or OutcomeClass.Skipped)) parts.Add(outcome.Reason.Split('\n')[0]);
        if (r.Verdicts is { Count: > 0 } verdicts) parts.Add("verdicts: " + string.Join(", ", verdicts.Select(v => $"{v.Checker} {v.Status}")));
        var figures = (r.Figures ?? []).Where(f => f.Value.Length > 0 && (char.IsDigit(f.Value[0]) || f.Value[0] == '+')).Select(f => $"{f.Name} {f.Value}").ToArray();
        if (figures.Length > 0) parts.Add(string.Join(", ", figures.Take(8)) + (figures.Length > 8 ? ", ..." : ""));
        if (outcome.Class.IsRed() && r.Error is { } e) parts.Add(e.Split('\n')[0]);
        if (r.Repairs is { Count: > 0 } repairs) parts.Add($"lab repairs at its end: {string.Join("; ", repairs)}");
        if (r.ArtifactDirectory is { } dir && Directory.Exists(dir)) parts.Add("files: " + dir);
        return string.Join("; ", parts);
    }

    /// <summary>
    /// The scenario's own folder beside the results file: <c>&lt;feature file&gt;-&lt;line&gt;</c> (an Examples row has its own
    /// line), made unique within the run by a counter when the same scenario runs twice. Not created here: whoever
    /// writes the first file creates it.
    /// </summary>
    private static string? ArtifactDirectoryFor(Model.Scenario scenario)
    {
        if (Sink is not JsonLinesResultSink sink) return null;
        var runDir = Path.GetDirectoryName(sink.Path)!;
        var stem = $"{Path.GetFileNameWithoutExtension(scenario.FeatureFile)}-{scenario.Id[(scenario.Id.LastIndexOf(':') + 1)..]}";
        var name = stem;
        for (var i = 2; Directory.Exists(Path.Combine(runDir, name)); i++) name = $"{stem}-{i}";
        return Path.Combine(runDir, name);
    }

    private static string DefaultResultsPath()
    {
        var env = Environment.GetEnvironmentVariable(ResultsVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var root = Core.Repository.Root();
        return Path.Combine(root, "reports", "runs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}", "scenarios.jsonl");
    }

}
