using SanChaos.Checkers;
using SanChaos.Checkers.Forbidden;
using SanChaos.Config.Budget;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Core.Waiting;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Gherkin.Execution;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.State;
using SanChaos.Observers;
using SanChaos.Session;

namespace SanChaos.Drills;

/// <summary>
/// One scenario's drill: the shared lab, the scenario's faults (healed at the end whatever happens), and the questions
/// steps ask of the cluster. Steps call this API only; a phrase in a feature is one call. The work is in four parts,
/// each readable on its own: <see cref="DrillLifecycle"/> (start and end), <see cref="DrillFaultLog"/> (inject, heal,
/// budget kind), <see cref="DrillWaits"/> (waits and questions to the cluster) and <see cref="DrillCheckList"/> (the
/// checks steps ask for and those every scenario gets).
/// </summary>
public sealed class Drill
{
    private readonly ScenarioContext _scenario;
    private readonly DrillFaultLog _faults;
    private readonly DrillCheckList _checks;
    private readonly DrillWaits _waits;
    private readonly DrillLifecycle _lifecycle;
    private Task<Config.SutConfiguration>? _configuration;

    /// <summary>Created by the runner, once per scenario.</summary>
    public Drill(ScenarioContext scenario)
    {
        _scenario = scenario;
        _faults = new DrillFaultLog(scenario);
        _checks = new DrillCheckList(scenario, () => Inventory, () => _faults.HealFailure);
        _waits = new DrillWaits(this);
        _lifecycle = new DrillLifecycle(this, scenario, _faults, _checks);
    }

    /// <summary>The scenario's run context (history, clock, seed).</summary>
    public RunContext Run => _scenario.Run;

    /// <summary>The lab (brought up on first use).</summary>
    public ILab Lab => _lifecycle.Lab ?? throw new SanChaosException("The drill has no lab yet.", "start the scenario with `Given the SAN is in steady state`.");

    /// <summary>The lab's inventory.</summary>
    public LabInventory Inventory => Lab.Inventory;

    /// <summary>The storage node that held the resources when the drill started.</summary>
    public string? InitialHolder => _lifecycle.InitialHolder;

    /// <summary>Where fault journals live (so a later run heals what a killed run left).</summary>
    public static string JournalPath => FaultJournal.MachinePath;

    /// <summary>True in a dry run: every step prints what it would do against which target, and nothing is touched.</summary>
    public bool DryRun => _scenario.DryRun;

    /// <summary>The scenario's folder of files (history, captures, probe logs): the runner's, or a temporary one.</summary>
    public string ArtifactDirectory => _scenario.ArtifactDirectory ??= Path.Combine(Path.GetTempPath(), $"sanchaos-{Run.RunId}");

    /// <summary>The scenario's observers (null before <see cref="StartAsync"/>).</summary>
    public ObserverSet? Observers => _lifecycle.Observers;

    /// <summary>The fault catalogue of this lab.</summary>
    public FaultCatalog Catalog => _faults.Catalog;

    internal CancellationToken Ct => _scenario.Cancellation;

    /// <summary>The holder a dry run assumes: the node haresources names first (the preferred node).</summary>
    internal string AssumedHolder => Inventory.PreferredNode;

    internal static SanChaosException NotStarted() =>
        new("The drill has not started.", "start the scenario with `Given the SAN is in steady state`.");

    // Start and end.

    /// <summary>Opens the shared lab, heals faults a killed run left behind, and waits for steady state, repairing
    /// what an earlier drill left broken (<see cref="Labs.Recovery.Baseline"/>; each repair is in the history).</summary>
    public Task StartAsync(TimeSpan timeout) => _lifecycle.StartAsync(timeout);

    /// <summary>
    /// Heals every fault of the scenario (after-scenario hook), then brings the lab back to steady state, audits it as the
    /// scenario left it and writes the history (<see cref="DrillLifecycle.EndAsync"/>).
    /// </summary>
    public Task EndAsync(CancellationToken ct) => _lifecycle.EndAsync(ct);

    /// <summary>Prints a dry run's line (to the run's progress, and into the history).</summary>
    public void DryLine(string line)
    {
        SharedLab.Progress("DRY RUN: would " + line);
        Run.History.Append(EventKinds.Lab, "dry-run", "would " + line);
    }

    // Faults.

    /// <summary>
    /// Injects the fault <paramref name="pick"/> takes from <see cref="Catalog"/>. A fault this lab cannot inject at all
    /// (a missing capability) skips the scenario with the reason (<see cref="DrillFaults.Take"/>).
    /// </summary>
    /// <param name="pick">Takes the fault from the catalogue, e.g. <c>c =&gt; c.PullSerialCable()</c>.</param>
    /// <param name="budget">Which failover budget this fault falls under (null: none).</param>
    public Task InjectAsync(Func<FaultCatalog, IFault> pick, FaultKind? budget = null) => _faults.InjectAsync(pick, budget);

    /// <summary>Injects a fault; it is healed at the end of the scenario, or earlier by <see cref="HealAsync"/>.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="budget">Which failover budget this fault falls under (null: none, e.g. a standby losing power).</param>
    public Task InjectAsync(IFault fault, FaultKind? budget = null) => _faults.InjectAsync(fault, budget);

    /// <summary>Heals the active fault whose name is <paramref name="name"/>.</summary>
    public Task HealAsync(string name) => _faults.HealAsync(name);

    /// <summary>The budget kind of what this scenario injected (<see cref="DrillFaultLog.BudgetKind"/>).</summary>
    public FaultKind? BudgetKind => _faults.BudgetKind;

    // The configuration and the budget.

    /// <summary>
    /// Reads the SAN's configuration from the nodes (again, when a step changed a setting); the budget uses the latest.
    /// Await it before the next fault: a node powered off in the middle cannot answer.
    /// </summary>
    public Task RefreshConfigurationAsync() => DryRun ? Task.CompletedTask : _configuration = DrillChecks.ConfigurationAsync(Lab, Ct);

    /// <summary>
    /// The failover budget of <paramref name="kind"/> for the configuration read at the start of the scenario (or after
    /// the last setting a step changed) and the terms measured on this lab.
    /// </summary>
    public async Task<BudgetEstimate> BudgetAsync(FaultKind kind) => FailoverBudget.For(kind, await ConfigurationAsync().ConfigureAwait(false), DrillChecks.Measured(Lab));

    /// <summary>The SAN's configuration read at the start of the scenario (or after the last setting a step changed).</summary>
    public Task<Config.SutConfiguration> ConfigurationAsync() => _configuration ?? throw NotStarted();

    // Checks.

    /// <summary>The history so far, in time order, as checkers read it.</summary>
    public CheckInput CheckInput() => _checks.Input();

    /// <summary>
    /// Makes the lines of forbidden pattern <paramref name="pattern"/> expected in this scenario (they are evidence, not
    /// violations: the drill caused them on purpose) and checks at the end that every storage node logged one.
    /// </summary>
    /// <param name="pattern">A name of <c>forbidden:</c> in lab/sut/commands.yaml, e.g. <c>heartbeat-partition</c>.</param>
    /// <param name="why">Why the drill expects it.</param>
    public void ExpectLines(string pattern, string why) => _checks.ExpectLines(pattern, why);

    /// <summary>The forbidden-lines checker of this scenario (with the lines it expects, <see cref="ExpectLines"/>).</summary>
    public ForbiddenLinesChecker ForbiddenLines() => _checks.ForbiddenLines();

    /// <summary>
    /// Defers <paramref name="checker"/> to the end of the scenario (after the heals, the return to steady state and the
    /// read-back of acknowledged writes) and makes its verdict the current step's outcome. The scenario-level checks then
    /// leave that checker out (one verdict per checker).
    /// </summary>
    public void CheckAtEnd(IChecker checker) => _checks.CheckAtEnd(checker);

    // Waits and questions to the cluster.

    /// <summary>Waits <paramref name="duration"/> on the run's clock (a dry run only says so).</summary>
    public Task WaitAsync(TimeSpan duration) => _waits.WaitAsync(duration);

    /// <summary>
    /// Waits until <paramref name="client"/>'s I/O probe has acknowledged writes in the last two seconds (the probe runs
    /// from the start of every drill; this step says so and checks it).
    /// </summary>
    public Task WritingAsync(string client, TimeSpan within) => _waits.WritingAsync(client, within);

    /// <summary>A snapshot of the cluster as the nodes report it.</summary>
    public Task<ClusterState> StateAsync() => _waits.StateAsync();

    /// <summary>The storage node that holds the resources now (one; split brain and no holder are errors).</summary>
    public Task<string> HolderAsync() => _waits.HolderAsync();

    /// <summary>The other storage node.</summary>
    public string Other(string node) => Inventory.StorageNodes.Single(n => n.Name != node).Name;

    /// <summary>Checks a node name against the inventory.</summary>
    public string Node(string name) => Inventory.Node(name).Name;

    /// <summary>Waits until <paramref name="condition"/> holds on fresh cluster snapshots.</summary>
    public Task<Probe> UntilAsync(string what, Func<ClusterState, Probe> condition, TimeSpan within, string remedy = "") =>
        _waits.UntilAsync(what, condition, within, remedy);

    /// <summary>Waits until <paramref name="condition"/> holds on fresh samples from <paramref name="sample"/> (a cheap,
    /// targeted probe such as <see cref="LabStatus.ClientAsync"/>, so the budget measures the SAN, not the probe).</summary>
    public Task<Probe> UntilAsync<T>(string what, Func<CancellationToken, Task<T>> sample, Func<T, Probe> condition, TimeSpan within, string remedy = "") =>
        _waits.UntilAsync(what, sample, condition, within, remedy);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds on a cluster snapshot, taking the snapshot only when the cheap
    /// <paramref name="gate"/> passes (and at least every 10 s, so a timeout still shows the cluster). Use it while the
    /// SAN is busy with what the drill measures: a snapshot a second costs a taking-over node seconds of CPU.
    /// </summary>
    public Task<Probe> UntilAsync(string what, ISteadyStateCondition gate, Func<ClusterState, Probe> condition, TimeSpan within, string remedy = "") =>
        _waits.UntilAsync(what, gate, condition, within, remedy);

    /// <summary>Checks that <paramref name="invariant"/> holds on every snapshot for <paramref name="duration"/>; fails at the first violation.</summary>
    public Task ThroughoutAsync(string what, Func<ClusterState, Probe> invariant, TimeSpan duration) => _waits.ThroughoutAsync(what, invariant, duration);

    /// <summary>Runs the write-then-read-back probe through the client's multipath device once.</summary>
    public Task<Probe> WriteReadBackAsync(TimeSpan within) => _waits.WriteReadBackAsync(within);

    /// <summary>Waits until DRBD is Connected and UpToDate/UpToDate on both storage nodes (<c>/proc/drbd</c> only).</summary>
    public Task<Probe> DrbdHealthyAsync(TimeSpan within) => _waits.DrbdHealthyAsync(within);
}
