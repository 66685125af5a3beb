using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.State;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Drills;

/// <summary>
/// A drill's waits and questions to the cluster: every one goes through the one wait primitive (<see cref="Wait"/>) on
/// the run's clock, with the scenario's cancellation, a deadline and a remedy in its timeout error.
/// </summary>
internal sealed class DrillWaits(Drill drill)
{
    /// <summary>Waits <paramref name="duration"/> on the run's clock (a dry run only says so).</summary>
    public Task WaitAsync(TimeSpan duration)
    {
        if (!drill.DryRun) return Task.Delay(duration, drill.Run.Time, drill.Ct);
        drill.DryLine($"wait {Core.Time.Durations.Format(duration)}");
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="client"/>'s I/O probe has acknowledged writes in the last two seconds.</summary>
    public async Task WritingAsync(string client, TimeSpan within)
    {
        if (drill.DryRun)
        {
            drill.DryLine($"wait until the I/O probe on {client} acknowledges writes through /dev/mapper/{drill.Inventory.Sut.Multipath.Alias} (up to {Core.Time.Durations.Format(within)})");
            return;
        }

        var probe = drill.Observers?.Observers.OfType<IoProbeObserver>().FirstOrDefault()
                    ?? throw new Gherkin.Execution.BrokenStepException($"No I/O probe runs on {client} in this drill.",
                        "the lab needs a client node (`role: client`) for the probe; see the scenario's history for observer.failed.");
        var run = drill.Run;
        await Wait.UntilAsync($"{client} writes through the multipath device", _ =>
        {
            var recent = probe.Snapshot().AcknowledgedAfter(run.Time.GetUtcNow() - TimeSpan.FromSeconds(2));
            return Task.FromResult(recent >= 10 ? Probe.Yes($"{recent} acknowledged writes in the last 2 s") : Probe.No($"{recent} acknowledged writes in the last 2 s"));
        }, within, TimeSpan.FromMilliseconds(500), run.Time, "read io-probe.log in the scenario's folder: did the probe start, and does the device answer?", drill.Ct).ConfigureAwait(false);
    }

    /// <summary>A snapshot of the cluster as the nodes report it.</summary>
    public Task<ClusterState> StateAsync() => LabStatus.CollectAsync(drill.Lab.Nodes, drill.Inventory, ct: drill.Ct);

    /// <summary>The storage node that holds the resources now (one; split brain and no holder are errors).</summary>
    public Task<string> HolderAsync() => drill.DryRun ? Task.FromResult(drill.AssumedHolder) : drill.Catalog.PrimaryLocator.WhoHoldsResourcesAsync(drill.Ct);

    /// <summary>Waits until <paramref name="condition"/> holds on fresh cluster snapshots.</summary>
    public Task<Probe> UntilAsync(string what, Func<ClusterState, Probe> condition, TimeSpan within, string remedy) =>
        UntilAsync(what, ct => LabStatus.CollectAsync(drill.Lab.Nodes, drill.Inventory, ct: ct), condition, within, remedy);

    /// <summary>Waits until <paramref name="condition"/> holds on fresh samples from <paramref name="sample"/>.</summary>
    public Task<Probe> UntilAsync<T>(string what, Func<CancellationToken, Task<T>> sample, Func<T, Probe> condition, TimeSpan within, string remedy) =>
        Wait.UntilAsync(what, async ct => condition(await sample(ct).ConfigureAwait(false)), within, TimeSpan.FromSeconds(1), drill.Run.Time, remedy, drill.Ct);

    /// <summary>Checks that <paramref name="invariant"/> holds on every snapshot for <paramref name="duration"/>; fails at the first violation.</summary>
    public Task ThroughoutAsync(string what, Func<ClusterState, Probe> invariant, TimeSpan duration) =>
        Wait.ThroughoutAsync(what, async _ => invariant(await StateAsync().ConfigureAwait(false)), duration, TimeSpan.FromSeconds(1), drill.Run.Time, drill.Ct);

    /// <summary>Runs the write-then-read-back probe through the client's multipath device once.</summary>
    public Task<Probe> WriteReadBackAsync(TimeSpan within) =>
        UntilHoldsAsync(SteadyState.WriteReadBack(drill.Lab.Nodes, drill.Inventory, new SteadyStateOptions { RunId = drill.Run.RunId, Seed = drill.Run.Seed })
            ?? throw new SanChaosException($"The lab {drill.Inventory.Name} has no client to write through.", "declare a node with `role: client`."), within);

    /// <summary>Waits until <paramref name="condition"/> holds on a cluster snapshot taken only when the cheap <paramref name="gate"/> passes.</summary>
    public Task<Probe> UntilAsync(string what, ISteadyStateCondition gate, Func<ClusterState, Probe> condition, TimeSpan within, string remedy)
    {
        var full = new SnapshotCondition(what, remedy, async ct => condition(await LabStatus.CollectAsync(drill.Lab.Nodes, drill.Inventory, ct: ct).ConfigureAwait(false)));
        return UntilHoldsAsync(new GatedCondition(gate, full, TimeSpan.FromSeconds(10), drill.Run.Time), within);
    }

    /// <summary>Waits until DRBD is Connected and UpToDate/UpToDate on both storage nodes (<c>/proc/drbd</c> only).</summary>
    public Task<Probe> DrbdHealthyAsync(TimeSpan within) => UntilHoldsAsync(SteadyState.Drbd(drill.Lab.Nodes, drill.Inventory), within);

    /// <summary>Waits until one steady-state condition holds, with its own name and remedy in the timeout error.</summary>
    private Task<Probe> UntilHoldsAsync(ISteadyStateCondition condition, TimeSpan within) =>
        Wait.UntilAsync(condition.Name, condition.CheckAsync, within, TimeSpan.FromSeconds(1), drill.Run.Time, condition.Remedy, drill.Ct);

    private sealed class SnapshotCondition(string name, string remedy, Func<CancellationToken, Task<Probe>> check) : ISteadyStateCondition
    {
        public string Name => name;

        public string Remedy => remedy;

        public Task<Probe> CheckAsync(CancellationToken ct) => check(ct);
    }
}
