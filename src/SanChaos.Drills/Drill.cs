using SanChaos.Checkers;
using SanChaos.Checkers.Forbidden;
using SanChaos.Checkers.Audit;
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
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.Recovery;
using SanChaos.Labs.State;
using SanChaos.Observers;
using SanChaos.Session;

namespace SanChaos.Drills;

/// <summary>
/// One scenario's drill: the shared lab, the scenario's faults (healed at the end whatever happens), and
/// the questions steps ask of the cluster. Steps call this API only; a phrase in a feature is one call.
/// </summary>
public sealed class Drill
{
    private readonly ScenarioContext _scenario;
    private ILab? _lab;
    private FaultSet? _faults;
    private FaultCatalog? _catalog;
    private ObserverSet? _observers;
    private readonly List<(IFault Fault, FaultKind? Budget)> _injected = new();
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly List<IChecker> _deferred = new();
    private readonly Dictionary<string, string> _expectedLines = new(StringComparer.Ordinal);
    private ClusterState? _audit;
    private string? _auditRelayFailure;
    private string? _healFailure;
    private readonly List<RepairRecord> _repairs = [];
    private Task<Config.SutConfiguration>? _configuration;

    /// <summary>Created by the runner, once per scenario.</summary>
    public Drill(ScenarioContext scenario) => _scenario = scenario;

    /// <summary>The scenario's run context (history, clock, seed).</summary>
    public RunContext Run => _scenario.Run;

    /// <summary>The lab (brought up on first use).</summary>
    public ILab Lab => _lab ?? throw new SanChaosException("The drill has no lab yet.", "start the scenario with `Given the SAN is in steady state`.");

    /// <summary>The lab's inventory.</summary>
    public LabInventory Inventory => Lab.Inventory;

    /// <summary>The storage node that held the resources when the drill started.</summary>
    public string? InitialHolder { get; private set; }

    /// <summary>Where fault journals live (so a later run heals what a killed run left).</summary>
    public static string JournalPath => FaultJournal.MachinePath;

    private CancellationToken Ct => _scenario.Cancellation;

    /// <summary>Opens the shared lab, heals faults a killed run left behind, and waits for steady state, repairing
    /// what an earlier drill left broken (<see cref="Baseline"/>; each repair is in the history).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        if (DryRun)
        {
            StartDry(timeout);
            return;
        }

        _lab ??= await SharedLab.GetAsync(Ct).ConfigureAwait(false);
        await DrillRun.EnvironmentOnceAsync(_lab, SharedLab.Progress, Ct).ConfigureAwait(false);
        _catalog ??= new FaultCatalog(_lab);
        var journal = new FaultJournal(JournalPath);
        _faults ??= new FaultSet(Run, _lab.Inventory, new FaultSetOptions { Journal = journal, Output = SharedLab.Progress });
        // A lab that cannot be brought back to its baseline (a leftover fault that cannot be healed included) makes this
        // scenario broken, not a verdict on the SAN.
        try
        {
            if ((_lab as IEmbeddedLabView)?.SerialRelayFailure is { } relay)
                throw new SanChaosException($"the serial cable's relay stopped ({relay}): the serial Heartbeat path is dead although the cable reads plugged.",
                    "take the lab down and up again (`sanchaos lab down`); report the relay's failure with the keeper's log.");
            await journal.HealLeftoversAsync(_catalog.Rebuild, Run.History).ConfigureAwait(false);
            await Baseline.RestoreAsync(_lab.Nodes, _lab.Inventory, new BaselineOptions
            {
                Timeout = timeout,
                History = Run.History,
                Output = SharedLab.Progress,
                Phase = "start",
                SteadyState = new SteadyStateOptions { RunId = Run.RunId, Seed = Run.Seed, Time = Run.Time },
            }, Ct).ConfigureAwait(false);
            // Both Heartbeat paths must be up before a drill breaks one: otherwise a path drill passes for nothing (the
            // link it pulls is dead already) or reports a split brain the fault did not cause.
            await UntilAsync("every Heartbeat link up on both storage nodes",
                s => s.HeartbeatLinksUp ? Probe.Yes(s.HeartbeatLinksText) : Probe.No(s.HeartbeatLinksText),
                TimeSpan.FromSeconds(30),
                "a Heartbeat path is down before any fault. Read `grep Link /var/log/ha-log` on both storage nodes. On the embedded lab the " +
                "serial line of a node that was power-cycled has been seen to stop passing bytes for good: take the lab down and up again " +
                "(`sanchaos lab down`). On hardware check the null-modem cable and eth1.").ConfigureAwait(false);
            InitialHolder = await HolderAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !Ct.IsCancellationRequested)
        {
            throw new Gherkin.Execution.BrokenStepException($"BROKEN LAB: the lab is not at its baseline, so this drill cannot judge the SAN: {e.Message}",
                e is SanChaosException s ? s.Remedy : "see the error; `sanchaos lab status` shows the lab.", e);
        }

        // The configuration the budget judges against, read while every node answers (a fault may take one away):
        // alongside the observers' start, finished before the first fault.
        var configuration = RefreshConfigurationAsync();

        // Checks every scenario gets, whatever its steps ask: evaluated on the complete history at the end.
        _scenario.DeferCheck(_ => Task.FromResult(ScenarioChecks()), scenarioLevel: true);
        // Observers run from here (before the first fault) to after the last heal and the return to steady state.
        _observers = new ObserverSet(DrillObservers.For(_lab));
        await _observers.StartAsync(new ObserverContext(Run, _lab.Inventory, _lab.Nodes, ArtifactDirectory), Ct).ConfigureAwait(false);
        await configuration.ConfigureAwait(false);
    }

    /// <summary>True in a dry run: every step prints what it would do against which target, and nothing is touched.</summary>
    public bool DryRun => _scenario.DryRun;

    /// <summary>Prints a dry run's line (to the run's progress, and into the history).</summary>
    public void DryLine(string line)
    {
        SharedLab.Progress("DRY RUN: would " + line);
        Run.History.Append(EventKinds.Lab, "dry-run", "would " + line);
    }

    /// <summary>
    /// The dry run's start: the lab as an object only (<see cref="SharedLab.Plan"/>), the fault set in dry-run mode, and
    /// the start of a real drill spelled out: the steady state it waits for, the observers it starts, on which nodes.
    /// </summary>
    private void StartDry(TimeSpan timeout)
    {
        _lab ??= SharedLab.Plan();
        _catalog ??= new FaultCatalog(_lab);
        _faults ??= new FaultSet(Run, _lab.Inventory, new FaultSetOptions { DryRun = true, Output = SharedLab.Progress });
        var nodes = _lab.Inventory.Nodes;
        DryLine($"heal the faults a killed run left in {JournalPath}, then bring lab {Inventory.Name} to its baseline and steady state (up to {Core.Time.Durations.Format(timeout)}) " +
                $"over SSH to {string.Join(", ", nodes.Select(n => $"{n.Name} ({n.Ssh.User}@{n.Management}:{n.Ssh.Port})"))}");
        foreach (var o in DrillObservers.Describe(_lab)) DryLine("start observer: " + o);
        InitialHolder = AssumedHolder;
        DryLine($"find the storage node holding the resources; assumed here: {InitialHolder} (haresources' preferred node)");
    }

    /// <summary>The holder a dry run assumes: the node haresources names first (the preferred node).</summary>
    private string AssumedHolder => Inventory.PreferredNode;

    /// <summary>Waits <paramref name="duration"/> on the run's clock (a dry run only says so).</summary>
    public Task WaitAsync(TimeSpan duration)
    {
        if (!DryRun) return Task.Delay(duration, Run.Time, Ct);
        DryLine($"wait {Core.Time.Durations.Format(duration)}");
        return Task.CompletedTask;
    }

    /// <summary>The scenario's folder of files (history, captures, probe logs): the runner's, or a temporary one.</summary>
    public string ArtifactDirectory => _scenario.ArtifactDirectory ??= Path.Combine(Path.GetTempPath(), $"sanchaos-{Run.RunId}");

    /// <summary>The scenario's observers (null before <see cref="StartAsync"/>).</summary>
    public ObserverSet? Observers => _observers;

    /// <summary>The fault catalogue of this lab.</summary>
    public FaultCatalog Catalog => _catalog ?? throw NotStarted();

    /// <summary>
    /// Injects the fault <paramref name="pick"/> takes from <see cref="Catalog"/> (<see cref="InjectAsync(IFault, FaultKind?)"/>).
    /// A fault this lab cannot inject at all (the catalogue refuses it for a missing capability:
    /// <see cref="FaultRefusedException.MissingCapability"/>) skips the scenario with the reason
    /// (<see cref="SkippedStepException"/>): a drill of the serial cable is not a verdict on a lab without one.
    /// </summary>
    /// <param name="pick">Takes the fault from the catalogue, e.g. <c>c =&gt; c.PullSerialCable()</c>.</param>
    /// <param name="budget">Which failover budget this fault falls under (null: none).</param>
    public Task InjectAsync(Func<FaultCatalog, IFault> pick, FaultKind? budget = null) =>
        InjectAsync(DrillFaults.Take(Catalog, pick), budget);

    /// <summary>Injects a fault; it is healed at the end of the scenario, or earlier by <see cref="HealAsync"/>.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="budget">Which failover budget this fault falls under (null: none, e.g. a standby losing power).</param>
    public Task InjectAsync(IFault fault, FaultKind? budget = null)
    {
        var faults = _faults ?? throw NotStarted();
        _injected.Add((fault, budget));
        return faults.InjectAsync(fault, Ct);
    }

    /// <summary>
    /// The budget kind of what this scenario injected: both heartbeat paths when eth1 and the serial cable are both
    /// down, otherwise the first fault that has one.
    /// </summary>
    public FaultKind? BudgetKind =>
        _injected.Any(f => f.Budget == FaultKind.Eth1Cut) && _injected.Any(f => f.Fault.Descriptor.Kind == FaultKinds.PullSerialCable)
            ? FaultKind.BothHeartbeatPathsLost
            : _injected.Select(f => f.Budget).FirstOrDefault(b => b is not null);

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

    /// <summary>The history so far, in time order, as checkers read it.</summary>
    public CheckInput CheckInput() => new(HistoryFile.InTimeOrder(Run.History.Events), Inventory, _scenario.ArtifactDirectory);

    /// <summary>
    /// Makes the lines of forbidden pattern <paramref name="pattern"/> expected in this scenario (they are evidence, not
    /// violations: the drill caused them on purpose) and checks at the end that every storage node logged one.
    /// </summary>
    /// <param name="pattern">A name of <c>forbidden:</c> in lab/sut/commands.yaml, e.g. <c>heartbeat-partition</c>.</param>
    /// <param name="why">Why the drill expects it.</param>
    public void ExpectLines(string pattern, string why)
    {
        var p = ForbiddenPatterns.Default.FirstOrDefault(f => f.Name == pattern)
                ?? throw new SanChaosException($"No forbidden pattern is named '{pattern}'.",
                    $"use one of {string.Join(", ", ForbiddenPatterns.Default.Select(f => f.Name))} (lab/sut/commands.yaml, forbidden:).");
        _expectedLines[pattern] = why;
        CheckAtEnd(new ExpectedLinesChecker(p, Inventory.StorageNodes.Select(n => n.Name).ToArray()));
    }

    /// <summary>The forbidden-lines checker of this scenario (with the lines it expects, <see cref="ExpectLines"/>).</summary>
    public ForbiddenLinesChecker ForbiddenLines() => new(new ForbiddenLinesOptions { Expected = new Dictionary<string, string>(_expectedLines) });

    /// <summary>
    /// Defers <paramref name="checker"/> to the end of the scenario (after the heals, the return to steady state and the
    /// read-back of acknowledged writes) and makes its verdict the current step's outcome. The scenario-level checks then
    /// leave that checker out (one verdict per checker).
    /// </summary>
    public void CheckAtEnd(IChecker checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        _asked.Add(checker.Name);
        _deferred.Add(checker);
        var line = _scenario.CurrentStep >= 0 ? _scenario.Scenario.Steps[_scenario.CurrentStep].Line : (int?)null;
        _scenario.DeferCheck(_ =>
        {
            var v = Checking.Run(checker, CheckInput());
            _scenario.Verdicts.Add(DrillChecks.Record(v, line));
            return Task.FromResult(DrillChecks.Outcome(v));
        });
    }

    /// <summary>
    /// Waits until <paramref name="client"/>'s I/O probe has acknowledged writes in the last two seconds (the probe runs
    /// from the start of every drill; this step says so and checks it).
    /// </summary>
    public async Task WritingAsync(string client, TimeSpan within)
    {
        if (DryRun)
        {
            DryLine($"wait until the I/O probe on {client} acknowledges writes through /dev/mapper/{Inventory.Sut.Multipath.Alias} (up to {Core.Time.Durations.Format(within)})");
            return;
        }

        var probe = _observers?.Observers.OfType<Observers.IoProbe.IoProbeObserver>().FirstOrDefault()
                    ?? throw new Gherkin.Execution.BrokenStepException($"No I/O probe runs on {client} in this drill.",
                        "the lab needs a client node (`role: client`) for the probe; see the scenario's history for observer.failed.");
        await Wait.UntilAsync($"{client} writes through the multipath device", _ =>
        {
            var recent = probe.Snapshot().AcknowledgedAfter(Run.Time.GetUtcNow() - TimeSpan.FromSeconds(2));
            return Task.FromResult(recent >= 10 ? Probe.Yes($"{recent} acknowledged writes in the last 2 s") : Probe.No($"{recent} acknowledged writes in the last 2 s"));
        }, within, TimeSpan.FromMilliseconds(500), Run.Time, "read io-probe.log in the scenario's folder: did the probe start, and does the device answer?", Ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The scenario-level checks: no split brain, every acknowledged write read back, gratuitous ARP after every move of
    /// a floating IP, no forbidden log line (each unless a step asked for it already), and the audit of the lab after
    /// the scenario.
    /// </summary>
    private CheckOutcome ScenarioChecks()
    {
        var input = CheckInput();
        var verdicts = CheckerSet.Standard().Checkers.Where(c => !_asked.Contains(c.Name))
            .Select(c => c is ForbiddenLinesChecker ? ForbiddenLines() : c).Select(c => Checking.Run(c, input)).ToList();
        verdicts.Add(_healFailure is not null
            ? Verdict.Unknown("baseline-audit", $"a heal failed, so the lab after the scenario is the harness's doing, not the SAN's: {_healFailure}")
            : _audit is null
                ? Verdict.Unknown("baseline-audit", "the lab was not audited after the scenario (its end did not run)")
                : Checking.Run(new BaselineAuditChecker(_audit, _auditRelayFailure), input));
        foreach (var v in verdicts) _scenario.Verdicts.Add(DrillChecks.Record(v, null));
        var worst = verdicts.OrderByDescending(v => v.Status).First();
        return worst.Status == VerdictStatus.Valid
            ? new Gherkin.Execution.CheckOutcome(Gherkin.Execution.StepStatus.Passed)
            : DrillChecks.Outcome(worst) with
            {
                Message = string.Join(Environment.NewLine, verdicts.Where(v => v.Status != VerdictStatus.Valid).Select(v => DrillChecks.Outcome(v).Message)),
            };
    }

    private static SanChaosException NotStarted() =>
        new("The drill has not started.", "start the scenario with `Given the SAN is in steady state`.");

    /// <summary>Heals the active fault whose name is <paramref name="name"/>.</summary>
    public Task HealAsync(string name)
    {
        var fault = _faults?.Active.FirstOrDefault(f => f.Name == name)
            ?? throw new SanChaosException($"No active fault '{name}' to heal.", $"active faults: {string.Join(", ", _faults?.Active.Select(f => f.Name) ?? [])}.");
        return _faults!.HealAsync(fault, Ct);
    }

    /// <summary>
    /// Heals every fault of the scenario (after-scenario hook), then brings the lab back to steady state, repairing what
    /// the scenario left broken (<see cref="Baseline"/>, phase <c>end</c>): each repair is this scenario's, in its history
    /// (<see cref="EventKinds.Recovery"/>) and its record (<see cref="ScenarioContext.Repairs"/>), and the baseline audit
    /// judges the lab as the scenario left it (before the first repair). A heal that fails is rethrown (the runner calls
    /// the scenario broken, naming it) and the audit says Unknown: the lab's state is then the harness's doing.
    /// </summary>
    public async Task EndAsync(CancellationToken ct)
    {
        try
        {
            if (_faults is null) return;
            try
            {
                await _faults.HealAllAsync(ct).ConfigureAwait(false);
            }
            catch (FaultHealException e)
            {
                _healFailure = e.Problem;
                throw;
            }

            if (DryRun)
            {
                DryLine("wait for steady state, repairing what the scenario left broken for more than 2 min (up to 5 min), then audit the lab against its baseline and run the scenario's checkers");
                return;
            }

            // The next scenario starts from steady state; reaching it here puts the recovery time, and any repair, in this scenario's record.
            // Every fault is healed by now: a SAN the recovery cannot bring back safely (a split brain with no holder) is
            // the SAN's state, judged by the audit below (baseline-audit), not a heal that failed; the next drill's start
            // reports the lab broken if it is still so.
            try
            {
                await Baseline.RestoreAsync(Lab.Nodes, Inventory, new BaselineOptions
                {
                    Timeout = TimeSpan.FromMinutes(5),
                    // The SAN gets two minutes to settle by itself (a node just powered on still starts Heartbeat) before
                    // anything it left is called this scenario's repair.
                    Confirm = TimeSpan.FromMinutes(2),
                    History = Run.History,
                    Output = SharedLab.Progress,
                    Phase = "end",
                    OnRepair = Attribute,
                    SteadyState = new SteadyStateOptions { RunId = Run.RunId, Seed = Run.Seed, Time = Run.Time },
                }, ct).ConfigureAwait(false);
            }
            catch (SanChaosException e) when (e.InnerException is WaitTimeoutException)
            {
                Run.History.Append(EventKinds.Lab, "end", $"the SAN did not return to its baseline after every fault was healed, and the recovery could not repair it safely: {e.Problem}");
            }
        }
        finally
        {
            // The audit: the cluster as the scenario left it (before the first repair; otherwise now), kept in its folder.
            if (_faults is not null && !DryRun)
            {
                try
                {
                    _audit = _repairs.FirstOrDefault()?.Before ?? await LabStatus.CollectAsync(Lab.Nodes, Inventory, ct: ct).ConfigureAwait(false);
                    _auditRelayFailure = (Lab as IEmbeddedLabView)?.SerialRelayFailure;
                    if (_scenario.ArtifactDirectory is { } auditDir)
                    {
                        Directory.CreateDirectory(auditDir);
                        await File.WriteAllTextAsync(Path.Combine(auditDir, "audit.txt"), ClusterStateTable.Render(_audit), ct).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Run.History.Append(EventKinds.Lab, "audit", $"the cluster could not be read after the scenario: {e.Message}");
                }
            }

            // After the last heal (and the read-back of acknowledged writes, which the probe does as it stops), whatever
            // happened: the history and the figures are written even for a failed scenario. Not before the latest bound a
            // check asked for ("within 60 s" of the fault): a verdict must not be Unknown for want of watching.
            if (_observers is not null)
            {
                await DrillObservers.KeepObservingAsync(_deferred.Concat(CheckerSet.Standard().Checkers), Run, Inventory, ct).ConfigureAwait(false);
                await _observers.DisposeAsync().ConfigureAwait(false);
                foreach (var f in ScenarioFigures.From(Run.History.Events)) _scenario.Figures.Add(new Gherkin.Execution.ScenarioFigure(f.Name, f.Value, f.Detail));
            }

            if (_scenario.ArtifactDirectory is { } dir && Run.History.Events.Count > 0)
                Core.History.HistoryFile.Write(Path.Combine(dir, "history.jsonl"), Run.History.Events);
        }
    }

    /// <summary>A repair made at this scenario's end: kept for the audit and in the scenario's record.</summary>
    private void Attribute(RepairRecord r)
    {
        _repairs.Add(r);
        _scenario.Repairs.Add(DrillRepairs.ToScenario(r));
    }

    /// <summary>A snapshot of the cluster as the nodes report it.</summary>
    public Task<ClusterState> StateAsync() => LabStatus.CollectAsync(Lab.Nodes, Inventory, ct: Ct);

    /// <summary>The storage node that holds the resources now (one; split brain and no holder are errors).</summary>
    public Task<string> HolderAsync() => DryRun ? Task.FromResult(AssumedHolder) : Catalog.PrimaryLocator.WhoHoldsResourcesAsync(Ct);

    /// <summary>The other storage node.</summary>
    public string Other(string node) => Inventory.StorageNodes.Single(n => n.Name != node).Name;

    /// <summary>Checks a node name against the inventory.</summary>
    public string Node(string name) => Inventory.Node(name).Name;

    /// <summary>Waits until <paramref name="condition"/> holds on fresh cluster snapshots.</summary>
    public Task<Probe> UntilAsync(string what, Func<ClusterState, Probe> condition, TimeSpan within, string remedy = "") =>
        UntilAsync(what, ct => LabStatus.CollectAsync(Lab.Nodes, Inventory, ct: ct), condition, within, remedy);

    /// <summary>Waits until <paramref name="condition"/> holds on fresh samples from <paramref name="sample"/> (a cheap,
    /// targeted probe such as <see cref="LabStatus.ClientAsync"/>, so the budget measures the SAN, not the probe).</summary>
    public Task<Probe> UntilAsync<T>(string what, Func<CancellationToken, Task<T>> sample, Func<T, Probe> condition, TimeSpan within, string remedy = "") =>
        Wait.UntilAsync(what, async ct => condition(await sample(ct).ConfigureAwait(false)), within, TimeSpan.FromSeconds(1), Run.Time, remedy, Ct);

    /// <summary>Checks that <paramref name="invariant"/> holds on every snapshot for <paramref name="duration"/>; fails at the first violation.</summary>
    public Task ThroughoutAsync(string what, Func<ClusterState, Probe> invariant, TimeSpan duration) =>
        Wait.ThroughoutAsync(what, async _ => invariant(await StateAsync().ConfigureAwait(false)), duration, TimeSpan.FromSeconds(1), Run.Time, Ct);

    /// <summary>Runs the write-then-read-back probe through the client's multipath device once.</summary>
    public Task<Probe> WriteReadBackAsync(TimeSpan within) =>
        UntilHoldsAsync(SteadyState.WriteReadBack(Lab.Nodes, Inventory, new SteadyStateOptions { RunId = Run.RunId, Seed = Run.Seed })
            ?? throw new SanChaosException($"The lab {Inventory.Name} has no client to write through.", "declare a node with `role: client`."), within);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds on a cluster snapshot, taking the snapshot only when the cheap
    /// <paramref name="gate"/> passes (and at least every 10 s, so a timeout still shows the cluster). Use it while the
    /// SAN is busy with what the drill measures: a snapshot a second costs a taking-over node seconds of CPU.
    /// </summary>
    public Task<Probe> UntilAsync(string what, ISteadyStateCondition gate, Func<ClusterState, Probe> condition, TimeSpan within, string remedy = "")
    {
        var full = new SnapshotCondition(what, remedy, async ct => condition(await LabStatus.CollectAsync(Lab.Nodes, Inventory, ct: ct).ConfigureAwait(false)));
        return UntilHoldsAsync(new GatedCondition(gate, full, TimeSpan.FromSeconds(10), Run.Time), within);
    }

    private sealed class SnapshotCondition(string name, string remedy, Func<CancellationToken, Task<Probe>> check) : ISteadyStateCondition
    {
        public string Name => name;

        public string Remedy => remedy;

        public Task<Probe> CheckAsync(CancellationToken ct) => check(ct);
    }

    /// <summary>Waits until DRBD is Connected and UpToDate/UpToDate on both storage nodes (<c>/proc/drbd</c> only).</summary>
    public Task<Probe> DrbdHealthyAsync(TimeSpan within) => UntilHoldsAsync(SteadyState.Drbd(Lab.Nodes, Inventory), within);

    /// <summary>Waits until one steady-state condition holds, with its own name and remedy in the timeout error.</summary>
    private Task<Probe> UntilHoldsAsync(ISteadyStateCondition condition, TimeSpan within) =>
        Wait.UntilAsync(condition.Name, condition.CheckAsync, within, TimeSpan.FromSeconds(1), Run.Time, condition.Remedy, Ct);
}
