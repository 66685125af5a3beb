using SanChaos.Checkers;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Core.Waiting;
using SanChaos.Faults;
using SanChaos.Gherkin.Execution;
using SanChaos.Labs;
using SanChaos.Labs.Capabilities;
using SanChaos.Labs.Recovery;
using SanChaos.Labs.State;
using SanChaos.Observers;
using SanChaos.Session;

namespace SanChaos.Drills;

/// <summary>
/// A drill's start and end: the shared lab opened, leftovers healed and the lab brought to its baseline, the observers
/// started; at the end every fault healed, the lab brought back (each repair this scenario's), the lab audited as the
/// scenario left it, observation kept until the latest bound a check asked for, the figures computed (the runner writes the history
/// file after the checks).
/// </summary>
internal sealed class DrillLifecycle(Drill drill, ScenarioContext scenario, DrillFaultLog faults, DrillCheckList checks)
{
    private readonly List<RepairRecord> _repairs = [];

    /// <summary>The lab (null before the start).</summary>
    public ILab? Lab { get; private set; }

    /// <summary>The scenario's observers (null before the start).</summary>
    public ObserverSet? Observers { get; private set; }

    /// <summary>The storage node that held the resources when the drill started.</summary>
    public string? InitialHolder { get; private set; }

    private RunContext Run => scenario.Run;

    private CancellationToken Ct => scenario.Cancellation;

    /// <summary>Opens the shared lab, heals faults a killed run left behind, and waits for steady state, repairing
    /// what an earlier drill left broken (<see cref="Baseline"/>; each repair is in the history).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        if (drill.DryRun)
        {
            StartDry(timeout);
            return;
        }

        var lab = Lab ??= await SharedLab.GetAsync(Ct).ConfigureAwait(false);
        await DrillRun.EnvironmentOnceAsync(lab, SharedLab.Progress, Ct).ConfigureAwait(false);
        var journal = new FaultJournal(Drill.JournalPath);
        faults.Open(lab, () => new FaultSet(Run, lab.Inventory, new FaultSetOptions { Journal = journal, Output = SharedLab.Progress }));
        // A lab that cannot be brought back to its baseline (a leftover fault that cannot be healed included) makes this
        // scenario broken, not a verdict on the SAN.
        try
        {
            if (lab.Capability<ISerialRelayHealth>()?.SerialRelayFailure is { } relay)
                throw new SanChaosException($"the serial cable's relay stopped ({relay}): the serial Heartbeat path is dead although the cable reads plugged.",
                    "take the lab down and up again (`sanchaos lab down`); report the relay's failure with the keeper's log.");
            await journal.HealLeftoversAsync(faults.Catalog.Rebuild, Run.History).ConfigureAwait(false);
            await Baseline.RestoreAsync(lab.Nodes, lab.Inventory, new BaselineOptions
            {
                Timeout = timeout,
                History = Run.History,
                Output = SharedLab.Progress,
                Phase = "start",
                SteadyState = new SteadyStateOptions { RunId = Run.RunId, Seed = Run.Seed, Time = Run.Time },
            }, Ct).ConfigureAwait(false);
            // Both Heartbeat paths must be up before a drill breaks one: otherwise a path drill passes for nothing (the
            // link it pulls is dead already) or reports a split brain the fault did not cause.
            await drill.UntilAsync("every Heartbeat link up on both storage nodes",
                s => s.HeartbeatLinksUp ? Probe.Yes(s.HeartbeatLinksText) : Probe.No(s.HeartbeatLinksText),
                TimeSpan.FromSeconds(30),
                "a Heartbeat path is down before any fault. Read `grep Link /var/log/ha-log` on both storage nodes. On the embedded lab the " +
                "serial line of a node that was power-cycled has been seen to stop passing bytes for good: take the lab down and up again " +
                "(`sanchaos lab down`). On hardware check the null-modem cable and eth1.").ConfigureAwait(false);
            InitialHolder = await drill.HolderAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !Ct.IsCancellationRequested)
        {
            throw new BrokenStepException($"BROKEN LAB: the lab is not at its baseline, so this drill cannot judge the SAN: {e.Message}",
                e is SanChaosException s ? s.Remedy : "see the error; `sanchaos lab status` shows the lab.", e);
        }

        // The configuration the budget judges against, read while every node answers (a fault may take one away):
        // alongside the observers' start, finished before the first fault.
        var configuration = drill.RefreshConfigurationAsync();

        // Checks every scenario gets, whatever its steps ask: evaluated on the complete history at the end.
        scenario.DeferCheck(_ => Task.FromResult(checks.ScenarioChecks()), scenarioLevel: true);
        // Observers run from here (before the first fault) to after the last heal and the return to steady state.
        Observers = new ObserverSet(DrillObservers.For(lab));
        await Observers.StartAsync(new ObserverContext(Run, lab.Inventory, lab.Nodes, drill.ArtifactDirectory), Ct).ConfigureAwait(false);
        await configuration.ConfigureAwait(false);
    }

    /// <summary>
    /// The dry run's start: the lab as an object only (<see cref="SharedLab.Plan"/>), the fault set in dry-run mode, and
    /// the start of a real drill spelled out: the steady state it waits for, the observers it starts, on which nodes.
    /// </summary>
    private void StartDry(TimeSpan timeout)
    {
        var lab = Lab ??= SharedLab.Plan();
        faults.Open(lab, () => new FaultSet(Run, lab.Inventory, new FaultSetOptions { DryRun = true, Output = SharedLab.Progress }));
        var nodes = lab.Inventory.Nodes;
        drill.DryLine($"heal the faults a killed run left in {Drill.JournalPath}, then bring lab {lab.Inventory.Name} to its baseline and steady state (up to {Core.Time.Durations.Format(timeout)}) " +
                      $"over SSH to {string.Join(", ", nodes.Select(n => $"{n.Name} ({n.Ssh.User}@{n.Management}:{n.Ssh.Port})"))}");
        foreach (var o in DrillObservers.Describe(lab)) drill.DryLine("start observer: " + o);
        InitialHolder = drill.AssumedHolder;
        drill.DryLine($"find the storage node holding the resources; assumed here: {InitialHolder} (haresources' preferred node)");
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
            if (!faults.IsOpen) return;
            await faults.HealAllAsync(ct).ConfigureAwait(false);

            if (drill.DryRun)
            {
                drill.DryLine("wait for steady state, repairing what the scenario left broken for more than 2 min (up to 5 min), then audit the lab against its baseline and run the scenario's checkers");
                return;
            }

            // The next scenario starts from steady state; reaching it here puts the recovery time, and any repair, in this scenario's record.
            // Every fault is healed by now: a SAN the recovery cannot bring back safely (a split brain with no holder) is
            // the SAN's state, judged by the audit below (baseline-audit), not a heal that failed; the next drill's start
            // reports the lab broken if it is still so.
            try
            {
                await Baseline.RestoreAsync(drill.Lab.Nodes, drill.Inventory, new BaselineOptions
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
            await AuditAsync(ct).ConfigureAwait(false);

            // After the last heal (and the read-back of acknowledged writes, which the probe does as it stops), whatever
            // happened: the history and the figures are written even for a failed scenario. Not before the latest bound a
            // check asked for ("within 60 s" of the fault): a verdict must not be Unknown for want of watching.
            if (Observers is not null)
            {
                await DrillObservers.KeepObservingAsync(checks.Deferred.Concat(CheckerSet.Standard().Checkers), Run, drill.Inventory, ct).ConfigureAwait(false);
                await Observers.DisposeAsync().ConfigureAwait(false);
                foreach (var f in ScenarioFigures.From(Run.History.Events)) scenario.Figures.Add(f);
            }

            // history.jsonl is written by the runner after the checks (with their verdicts).
        }
    }

    /// <summary>The audit: the cluster as the scenario left it (before the first repair; otherwise now), kept in its folder.</summary>
    private async Task AuditAsync(CancellationToken ct)
    {
        if (!faults.IsOpen || drill.DryRun) return;
        try
        {
            checks.Audit = _repairs.FirstOrDefault()?.Before ?? await LabStatus.CollectAsync(drill.Lab.Nodes, drill.Inventory, ct: ct).ConfigureAwait(false);
            checks.AuditRelayFailure = drill.Lab.Capability<ISerialRelayHealth>()?.SerialRelayFailure;
            if (scenario.ArtifactDirectory is { } auditDir)
            {
                Directory.CreateDirectory(auditDir);
                await File.WriteAllTextAsync(Path.Combine(auditDir, "audit.txt"), ClusterStateTable.Render(checks.Audit), ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Run.History.Append(EventKinds.Lab, "audit", $"the cluster could not be read after the scenario: {e.Message}");
        }
    }

    /// <summary>A repair made at this scenario's end: kept for the audit and in the scenario's record.</summary>
    private void Attribute(RepairRecord r)
    {
        _repairs.Add(r);
        scenario.Repairs.Add(DrillRepairs.ToScenario(r));
    }
}
