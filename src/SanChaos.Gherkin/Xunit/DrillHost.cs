using System.Reflection;
using SanChaos.Core.Errors;
using SanChaos.Gherkin.Bindings;
using SanChaos.Gherkin.Execution;
using Xunit;

namespace SanChaos.Gherkin.Xunit;

/// <summary>
/// Runs a scenario found by <see cref="FeaturesAttribute"/> inside a test: compiles the feature, runs it
/// with the bindings of the given assemblies, writes its record to the run's results file and throws
/// <see cref="ScenarioFailedException"/> when it did not pass.
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
        var (result, cause) = await new ScenarioRunner(registry).RunAsync(scenario, token, configure).ConfigureAwait(false);
        Sink.Write(result);
        var output = TestContext.Current.TestOutputHelper;
        if (output is not null)
            foreach (var s in result.Steps)
                output.WriteLine($"{s.Status,-9} {s.Keyword} {s.Text}  ({scenario.FeatureFile}:{s.Line}, {s.Duration.TotalSeconds:0.###} s)");
        if (result.Status != StepStatus.Passed) throw new ScenarioFailedException(result, cause);
        return result;
    }

    private static string DefaultResultsPath()
    {
        var env = Environment.GetEnvironmentVariable(ResultsVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var root = Core.Repository.Root();
        return Path.Combine(root, "reports", "runs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}", "scenarios.jsonl");
    }

}
