using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Primary;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

/// <summary>
/// The protocol A drill's teardown end to end with the real catalogue, fault set and embedded Redfish PDU, the two
/// storage nodes simulated (<see cref="DrbdPairSimulation"/>): "DRBD replicates with protocol A" on otter and weasel,
/// "the primary loses power" (otter), then the heals.
/// </summary>
[Trait("Category", "faults")]
public sealed class DrbdHoldTests
{
    private sealed class Otter : IPrimaryLocator
    {
        public Task<string> WhoHoldsResourcesAsync(CancellationToken ct = default) => Task.FromResult("otter");
    }

    private static async Task<(PduRig Rig, DrbdPairSimulation Sim, FaultSet Faults, RunContext Run, FaultCatalog Catalog)> DrillAsync(TimeSpan? reconnect = null)
    {
        var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var sim = new DrbdPairSimulation(rig.Actuator);
        rig.Lab.NodeMap["otter"] = sim.Node("otter");
        rig.Lab.NodeMap["weasel"] = sim.Node("weasel");
        var run = new RunContext("protocol-a");
        var catalog = rig.Catalog(new FaultCatalogOptions
        {
            Commands = DrbdPairSimulation.Commands,
            PrimaryLocator = new Otter(),
            PowerConfirmTimeout = TimeSpan.FromSeconds(5),
            PowerConfirmInterval = TimeSpan.FromMilliseconds(20),
            PduRequestTimeout = TimeSpan.FromSeconds(5),
            NodeUpTimeout = TimeSpan.FromSeconds(10),
            DrbdReconnectTimeout = reconnect ?? TimeSpan.FromSeconds(10),
        });
        var faults = rig.Faults(run, journal: false);
        foreach (var n in new[] { "otter", "weasel" })
            await faults.InjectAsync(catalog.SetDrbd(n, "net", "protocol", "A"), TestContext.Current.CancellationToken);
        await faults.InjectAsync(catalog.KillPrimary(), TestContext.Current.CancellationToken);
        sim.CState("weasel").Should().Be("WFConnection", "otter is off");
        return (rig, sim, faults, run, catalog);
    }

    [Fact]
    public async Task Otter_boots_held_gets_protocol_C_back_before_it_can_connect_and_the_pair_reconnects_on_C()
    {
        var (rig, sim, faults, run, _) = await DrillAsync();
        await using var _ = rig;

        await faults.HealAllAsync(TestContext.Current.CancellationToken);

        sim.Log.Should().NotContain(l => l.Contains("incompatible", StringComparison.Ordinal));
        sim.Log.Should().ContainInOrder("weasel StandAlone (disconnect)", "otter boots with protocol A", "weasel and otter connected with protocol C");
        sim.CState("otter").Should().Be("Connected");
        sim.CState("weasel").Should().Be("Connected");
        sim.Running("otter").Should().Be("C");
        sim.Running("weasel").Should().Be("C");
        var kinds = run.History.Events.Where(e => e.Kind is FaultEventKinds.Healing or FaultEventKinds.Held or FaultEventKinds.Settled)
            .Select(e => $"{e.Kind} {e.Source}").ToArray();
        kinds.Should().Equal(
            "fault.healing set DRBD net protocol A",  // weasel's (otter is off)
            "fault.held DRBD resource r0",
            "fault.healing kill the primary",
            "fault.healing set DRBD net protocol A",  // otter's, once it answers
            "fault.settled DRBD resource r0");
        run.History.Events.Single(e => e.Kind == FaultEventKinds.Settled).Message.Should().Contain("otter Connected, weasel Connected");
    }

    [Fact]
    public async Task Healed_one_by_one_in_reverse_order_the_simulation_reproduces_the_drills_failure()
    {
        // The planted defect: the teardown as it was (reverse injection order, nothing held, nothing settled).
        var (rig, sim, faults, _, _) = await DrillAsync();
        await using var _ = rig;

        foreach (var f in faults.Active.Reverse().ToArray()) await faults.HealAsync(f, TestContext.Current.CancellationToken);

        sim.Log.Should().Contain("weasel: incompatible protocol settings");
        sim.CState("weasel").Should().Be("StandAlone");
    }

    [Fact]
    public async Task A_pair_that_does_not_reconnect_fails_the_heal_naming_the_settle_and_both_states()
    {
        var (rig, sim, faults, run, _) = await DrillAsync(reconnect: TimeSpan.FromMilliseconds(300));
        await using var _ = rig;
        // Weasel refuses every connection from here on (a split brain, say): the settle must not call that healed.
        rig.Lab.NodeMap["weasel"] = new StandAloneNode(sim.Node("weasel"));

        var act = () => faults.HealAllAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultHealException>()).Which;
        e.Failures.Should().ContainSingle().Which.FaultName.Should().Be("settle DRBD resource r0 after its settings were restored");
        e.Problem.Should().Contain("weasel StandAlone");
        run.History.Events.Should().ContainSingle(x => x.Kind == FaultEventKinds.SettleFailed);
        faults.Active.Should().BeEmpty("the settings themselves were restored");
    }

    [Fact]
    public async Task A_pair_apart_over_a_split_brain_is_the_sans_finding_not_a_failed_settle()
    {
        // Both heartbeat paths lost with dont-care: DRBD dropped the connection over the split brain the SAN made. The
        // settings are back; the split-brain checker judges the split, the recovery resolves it. No heal failure.
        var (rig, sim, faults, run, _) = await DrillAsync(reconnect: TimeSpan.FromSeconds(5));
        await using var _ = rig;
        rig.Lab.NodeMap["weasel"] = new StandAloneNode(sim.Node("weasel"), splitBrain: true);

        await faults.HealAllAsync(TestContext.Current.CancellationToken);

        run.History.Events.Should().ContainSingle(x => x.Kind == FaultEventKinds.Settled)
            .Which.Message.Should().Contain("weasel dropped the connection over a split brain");
        run.History.Events.Should().NotContain(x => x.Kind == FaultEventKinds.SettleFailed);
    }

    /// <summary>A node whose DRBD answers StandAlone to every state question (and, with <paramref name="splitBrain"/>, whose
    /// kernel log says why: "Split-Brain detected but unresolved, dropping connection!").</summary>
    private sealed class StandAloneNode(Labs.INode inner, bool splitBrain = false) : Labs.INode
    {
        public string Name => inner.Name;

        public async Task<Core.Commands.CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
        {
            var r = await inner.ExecAsync(command, timeout, ct);
            if (command.StartsWith("drbd-split-brain-seen", StringComparison.Ordinal)) return r with { StandardOutput = splitBrain ? "split-brain\n" : "none\n" };
            return command.StartsWith("drbd-cstate", StringComparison.Ordinal) || command.StartsWith("drbd-settle", StringComparison.Ordinal)
                ? r with { StandardOutput = "StandAlone\n" }
                : r;
        }

        public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => inner.UploadAsync(path, content, mode, ct);
    }
}
