using SanChaos.Core.History;
using SanChaos.Core;
using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Execution;

/// <summary>
/// The per-scenario object shared by every binding of one scenario: the scenario itself, its run context
/// (run id, clock, history), its cancellation token, a bag of named values and the scenario's objects
/// (binding instances and anything they take in their constructors, created once and disposed at the end
/// in reverse order).
/// </summary>
public sealed class ScenarioContext : IAsyncDisposable
{
    private readonly Dictionary<Type, object> _objects = new();
    private readonly List<object> _created = new();
    private readonly Dictionary<string, object?> _items = new(StringComparer.Ordinal);

    /// <summary>Creates the context of one scenario run.</summary>
    public ScenarioContext(Scenario scenario, RunContext run, CancellationToken cancellation)
    {
        Scenario = scenario;
        Run = run;
        Cancellation = cancellation;
        _objects[typeof(ScenarioContext)] = this;
        _objects[typeof(RunContext)] = run;
        _objects[typeof(Scenario)] = scenario;
    }

    /// <summary>The scenario being run.</summary>
    public Scenario Scenario { get; }

    /// <summary>Run id, clock, seed and history of this scenario.</summary>
    public RunContext Run { get; }

    /// <summary>Cancelled when the run is cancelled (Ctrl-C, test timeout).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Where this scenario's files go (history, captures, probe logs): a folder of its own beside the run's results
    /// file. Null when the host did not set one (then nothing is written).
    /// </summary>
    public string? ArtifactDirectory { get; set; }

    /// <summary>The scenario's figures (time to takeover, stall, lost writes...), in the order reported; they go into
    /// its record and its output.</summary>
    public IList<Figure> Figures { get; } = new List<Figure>();

    /// <summary>The checkers' verdicts on this scenario, in the order they were reached.</summary>
    public IList<ScenarioVerdict> Verdicts { get; } = new List<ScenarioVerdict>();

    /// <summary>Repairs the lab's recovery made at the scenario's end (after its heals), recorded with the scenario.</summary>
    public IList<ScenarioRepair> Repairs { get; } = new List<ScenarioRepair>();

    /// <summary>The index of the step running now in <see cref="Scenario"/>'s steps (-1 in hooks).</summary>
    public int CurrentStep { get; internal set; } = -1;

    /// <summary>True in a dry run (<see cref="ScenarioRunner.DryRun"/>): bindings print what they would do and touch nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Checks steps deferred to the end of the scenario (<see cref="DeferCheck"/>), in order.</summary>
    internal List<(int Step, Func<CancellationToken, Task<CheckOutcome>> Check)> Deferred { get; } = new();

    /// <summary>
    /// Defers the current step's verdict to the end of the scenario: <paramref name="check"/> runs after every
    /// after-scenario hook (faults healed, observers stopped, acknowledged writes read back), and its outcome becomes
    /// the step's status. For checks that need the whole history (Jepsen checks after the run, not during it).
    /// </summary>
    /// <param name="check">The check.</param>
    /// <param name="scenarioLevel">True: the check belongs to the whole scenario, not to the current step (checks every
    /// scenario gets whatever its steps ask); its outcome changes the scenario's status only.</param>
    /// <exception cref="InvalidOperationException">Called from a hook for a step-level check.</exception>
    public void DeferCheck(Func<CancellationToken, Task<CheckOutcome>> check, bool scenarioLevel = false)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!scenarioLevel && CurrentStep < 0) throw new InvalidOperationException("Only a step can defer its check to the end of the scenario.");
        Deferred.Add((scenarioLevel ? -1 : CurrentStep, check));
    }

    /// <summary>Named values steps pass to later steps.</summary>
    public IDictionary<string, object?> Items => _items;

    /// <summary>Registers an object the bindings of this scenario receive when they ask for <typeparamref name="T"/>.</summary>
    public void Set<T>(T instance) where T : notnull => _objects[typeof(T)] = instance;

    /// <summary>The scenario's <typeparamref name="T"/>, created on first use (constructor parameters resolved the same way).</summary>
    public T Get<T>() where T : notnull => (T)Get(typeof(T));

    /// <summary>The scenario's object of <paramref name="type"/>, created on first use.</summary>
    public object Get(Type type) => Get(type, []);

    private object Get(Type type, HashSet<Type> resolving)
    {
        if (_objects.TryGetValue(type, out var existing)) return existing;
        if (!resolving.Add(type))
            throw new InvalidOperationException($"Cannot create {type.Name}: its constructor needs itself (cycle: {string.Join(" → ", resolving.Select(t => t.Name))}).");
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Cannot create {type.Name} for the scenario: it has no public constructor. Register one with ScenarioContext.Set.");
        var args = ctor.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? Cancellation : Get(p.ParameterType, resolving)).ToArray();
        var instance = ctor.Invoke(args);
        _objects[type] = instance;
        _created.Add(instance);
        return instance;
    }

    /// <summary>Disposes the objects this scenario created, last created first; every one is attempted.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Exception>? errors = null;
        for (var i = _created.Count - 1; i >= 0; i--)
        {
            try
            {
                switch (_created[i])
                {
                    case IAsyncDisposable a: await a.DisposeAsync().ConfigureAwait(false); break;
                    case IDisposable d: d.Dispose(); break;
                }
            }
            catch (Exception e)
            {
                (errors ??= new()).Add(e);
            }
        }

        _created.Clear();
        if (errors is not null) throw new AggregateException("Disposing the scenario's objects failed.", errors);
    }
}
