using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Waiting;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.Recovery;
using SanChaos.Labs.State;
using SanChaos.Session;
using Xunit;

namespace SanChaos.Drills.Tests.Faults;

/// <summary>
/// The null-modem line across power cycles: each storage node is powered off and on again, in turn, and after each
/// cycle both Heartbeat paths (eth1 and the serial cable) must be up again on both nodes, with the SAN in steady state.
/// It was seen to stay dead after a power cycle (and a rebooted node's peer to log "failed authentication" on it). Cycles
/// per node: <c>$SANCHAOS_POWER_CYCLES</c> (default 10; CI runs 2).
/// </summary>
[Collection(LabCollection.Name)]
[Trait("Category", "lab")]
[Trait("Category", "serial-power-cycle")]
[Trait("Kind", "fault-on-lab")]
public sealed class SerialPowerCycleLabTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Cycles => int.TryParse(Environment.GetEnvironmentVariable("SANCHAOS_POWER_CYCLES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10;

    [Fact]
    public async Task Both_heartbeat_paths_come_back_after_every_power_cycle_of_each_storage_node()
    {
        var lab = await SharedLab.GetAsync(Ct);
        var run = new RunContext();
        await Baseline.RestoreAsync(lab.Nodes, lab.Inventory, new BaselineOptions { Timeout = TimeSpan.FromMinutes(4), History = run.History, Output = SharedLab.Progress }, Ct);
        var catalog = new FaultCatalog(lab);
        var failures = new List<string>();
        var lines = new List<string>();
        for (var cycle = 1; cycle <= Cycles; cycle++)
            foreach (var node in lab.Inventory.StorageNodes.Select(n => n.Name))
            {
                var faults = new FaultSet(run, lab.Inventory);
                var watch = Stopwatch.StartNew();
                await faults.InjectAsync(catalog.PowerOffNode(node), Ct);
                await Task.Delay(TimeSpan.FromSeconds(3), Ct);
                await faults.HealAllAsync(Ct);
                ClusterState? last = null;
                try
                {
                    await Wait.UntilAsync($"both Heartbeat paths up on both storage nodes after power cycle {cycle} of {node}", async t =>
                    {
                        last = await LabStatus.CollectAsync(lab.Nodes, lab.Inventory, ct: t);
                        return last.HeartbeatLinksUp ? Probe.Yes(last.HeartbeatLinksText) : Probe.No(last.HeartbeatLinksText);
                    }, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2), ct: Ct);
                    // Back to the baseline, through the recovery the drills use: Heartbeat v1 was seen (CI, 7.2 build) to hang in
                    // rscstatus "transition" with no holder after a peer's second power cycle, links up. That is the SUT's own
                    // behaviour (the drills' recovery restarts Heartbeat, recorded), not the serial line this test is about; a
                    // lab that cannot be brought back at all still fails here.
                    var repairs = run.History.Events.Count(e => e.Kind == Core.History.EventKinds.Recovery);
                    await Baseline.RestoreAsync(lab.Nodes, lab.Inventory, new BaselineOptions { Timeout = TimeSpan.FromMinutes(4), History = run.History, Output = SharedLab.Progress }, Ct);
                    var repaired = run.History.Events.Count(e => e.Kind == Core.History.EventKinds.Recovery) - repairs;
                    lines.Add($"cycle {cycle} of {node}: both paths up and steady after {watch.Elapsed.TotalSeconds:0.0} s" +
                              (repaired > 0 ? $" ({repaired} recovery step(s) first)" : ""));
                }
                catch (WaitTimeoutException e)
                {
                    var serial = (lab as IEmbeddedLabView)?.SerialRelayFailure;
                    failures.Add($"cycle {cycle} of {node}: {e.Problem} (links: {last?.HeartbeatLinksText}; relay: {serial ?? "running"})");
                    // Back to a working lab for the next cycle, recorded: the failure above stands.
                    await Baseline.RestoreAsync(lab.Nodes, lab.Inventory, new BaselineOptions { Timeout = TimeSpan.FromMinutes(4), History = run.History, Output = SharedLab.Progress }, Ct);
                }

                SharedLab.Progress(lines.Count > 0 ? lines[^1] : failures[^1]);
            }

        failures.Should().BeEmpty($"both Heartbeat paths must come back after each power cycle; {string.Join("; ", lines)}");
    }
}
