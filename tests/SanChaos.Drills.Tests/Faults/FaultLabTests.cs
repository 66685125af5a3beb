using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Core.Waiting;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Gherkin.Bindings;
using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Parsing;
using SanChaos.Labs;
using SanChaos.Labs.Recovery;
using SanChaos.Labs.State;
using SanChaos.Session;
using Xunit;

namespace SanChaos.Drills.Tests.Faults;

/// <summary>
/// Every fault of the catalogue on the embedded lab: its effect seen from the nodes' own view, then its
/// heal and the lab back in steady state. Shares the drills' lab (one lab per machine).
/// </summary>
[Collection(LabCollection.Name)]
[Trait("Category", "faults")]
[Trait("Category", "lab")]
[Trait("Kind", "fault-on-lab")]
public sealed class FaultLabTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(4);

    private static async Task<(ILab Lab, FaultCatalog Catalog, FaultSet Faults, RunContext Run)> OpenAsync()
    {
        var lab = await SharedLab.GetAsync(TestContext.Current.CancellationToken);
        var run = new RunContext();
        // What an earlier test left broken is repaired here (and said), not in that test's heal: its failure stands.
        await Baseline.RestoreAsync(lab.Nodes, lab.Inventory,
            new BaselineOptions { Timeout = Settle, History = run.History, Output = SharedLab.Progress }, TestContext.Current.CancellationToken);
        return (lab, new FaultCatalog(lab), new FaultSet(run, lab.Inventory), run);
    }

    private static Task<ClusterState> State(ILab lab) => LabStatus.CollectAsync(lab.Nodes, lab.Inventory, ct: TestContext.Current.CancellationToken);

    private static Task<Probe> Until(string what, Func<Task<bool>> check, TimeSpan within) =>
        Wait.UntilAsync(what, async _ => await check() ? Probe.Yes() : Probe.No("not yet"), within, TimeSpan.FromSeconds(1),
            ct: TestContext.Current.CancellationToken);

    private static async Task HealAndSettle(ILab lab, FaultSet faults, RunContext run)
    {
        await faults.HealAllAsync(CancellationToken.None);
        faults.Active.Should().BeEmpty();
        run.History.Events.Should().Contain(e => e.Kind == EventKinds.FaultHealed);
        await SteadyState.WaitAsync(lab.Nodes, lab.Inventory, Settle, TestContext.Current.CancellationToken);
    }

    private static async Task<bool> Pings(ILab lab, string from, string to, string? via = null) =>
        (await lab.Nodes[from].ExecAsync($"ping -c1 -W1 {(via is null ? "" : $"-I {via} ")}{to}", TimeSpan.FromSeconds(10))).Succeeded;

    [Fact]
    public async Task Power_off_the_standby_cuts_it_hard_and_power_on_resyncs_DRBD()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        var holder = await catalog.PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);
        var standby = lab.Inventory.StorageNodes.Single(n => n.Name != holder).Name;
        try
        {
            await faults.InjectAsync(catalog.PowerOffNode(standby), TestContext.Current.CancellationToken);
            var addr = lab.Inventory.Node(standby).InterfaceOn("replication")!.Address.Address.ToString();
            (await Pings(lab, holder, addr)).Should().BeFalse($"{standby} has no power");
            await Until($"{holder} sees DRBD peer gone", async () =>
                (await State(lab)).StorageNodes.Single(n => n.Name == holder).Drbd is { IsConnected: false }, TimeSpan.FromSeconds(60));
            (await State(lab)).Holders.Should().Equal(holder);
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }

        (await State(lab)).StorageNodes.Should().OnlyContain(n => n.Drbd!.BothUpToDate, "DRBD resynced after power on");
    }

    [Fact]
    public async Task Power_off_storage_switch_B_fails_the_B_path_while_A_carries_IO()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        var client = lab.Inventory.Clients[0].Name;
        var portalB = lab.Inventory.FloatingIps.Single(f => f.Network == "storage-b").Address.Address.ToString();
        var portalA = lab.Inventory.FloatingIps.Single(f => f.Network == "storage-a").Address.Address.ToString();
        try
        {
            await faults.InjectAsync(catalog.PowerOffSwitch("switch-b"), TestContext.Current.CancellationToken);
            (await Pings(lab, client, portalB)).Should().BeFalse("switch B passes no frames");
            (await Pings(lab, client, portalA)).Should().BeTrue("switch A still does");
            await Until("badger has exactly one active path", async () =>
                (await State(lab)).Clients[0].PathsOf(lab.Inventory.Sut.Multipath.Alias).Count(p => p.IsActive) == 1, TimeSpan.FromSeconds(90));
            var probe = SteadyState.WriteReadBack(lab.Nodes, lab.Inventory, new SteadyStateOptions { RunId = run.RunId })!;
            (await probe.CheckAsync(TestContext.Current.CancellationToken)).Satisfied.Should().BeTrue("I/O goes through path A");
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }
    }

    [Fact]
    public async Task Cut_the_eth1_crossover_and_restore_it()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        var weaselEth1 = lab.Inventory.Node("weasel").InterfaceOn("replication")!.Address.Address.ToString();
        (await Pings(lab, "otter", weaselEth1)).Should().BeTrue();
        // The claim below (no split brain) needs the other Heartbeat path, the serial line, up before the cut. On the
        // embedded lab it has been seen to die after an earlier power cycle (cause unknown, see lab/uml/README.md); then
        // cutting eth1 tests nothing but that, and splits the cluster for the tests after this one.
        var links = await State(lab);
        for (var i = 0; i < 30 && !links.HeartbeatLinksUp; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            links = await State(lab);
        }

        if (!links.HeartbeatLinksUp)
            Assert.Skip($"a Heartbeat path is already down before the cut ({links.HeartbeatLinksText}): the crossover cut would prove nothing");
        try
        {
            await faults.InjectAsync(catalog.CutCrossover(), TestContext.Current.CancellationToken);
            (await Pings(lab, "otter", weaselEth1)).Should().BeFalse("the crossover cable is cut");
            await Until("weasel sees the eth1 heartbeat link dead", async () =>
                (await State(lab)).StorageNodes.Single(n => n.Name == "weasel").Links.GetValueOrDefault("eth1") == "dead", TimeSpan.FromSeconds(45));
            // Heartbeat still talks over the serial cable, so neither node may declare the other dead: watch for
            // two deadtimes that the group stays on one node and the standby's DRBD is never promoted.
            var holder = (await State(lab)).Holders.Should().ContainSingle().Subject;
            await Wait.ThroughoutAsync("the serial path keeps Heartbeat together (one holder, standby not promoted)", async ct =>
            {
                var s = await LabStatus.CollectAsync(lab.Nodes, lab.Inventory, ct: ct);
                return s.Holders.SequenceEqual([holder]) ? Probe.Yes(holder) : Probe.No(string.Join("; ", s.StorageNodes));
            }, 2 * lab.Inventory.Sut.Heartbeat.Deadtime, TimeSpan.FromSeconds(2), ct: TestContext.Current.CancellationToken);
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }

        (await Pings(lab, "otter", weaselEth1)).Should().BeTrue();
    }

    [Fact]
    public async Task Pull_the_serial_cable_and_plug_it_back()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        try
        {
            await faults.InjectAsync(catalog.PullSerialCable(), TestContext.Current.CancellationToken);
            ((ISerialCableControl)lab).IsPlugged.Should().BeFalse();
            await Until("weasel sees the serial heartbeat link dead", async () =>
                (await State(lab)).StorageNodes.Single(n => n.Name == "weasel").Links.GetValueOrDefault("/dev/ttyS1") == "dead", TimeSpan.FromSeconds(45));
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }

        await Until("weasel sees the serial heartbeat link up again", async () =>
            (await State(lab)).StorageNodes.Single(n => n.Name == "weasel").Links.GetValueOrDefault("/dev/ttyS1") == "up", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Kill_the_primary_moves_the_resources_to_the_other_node()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        var before = await catalog.PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);
        var other = lab.Inventory.StorageNodes.Single(n => n.Name != before).Name;
        try
        {
            await faults.InjectAsync(catalog.KillPrimary(), TestContext.Current.CancellationToken);
            // Held means taken over completely: target running, every floating IP, rscstatus settled. Powering the old
            // primary back on while mach_down still runs makes Heartbeat v1 log "T_STARTING received during takeover"
            // and leaves the survivor's rscstatus at "transition" for good (seen in CI when a takeover took 78 s).
            await Until($"{other} holds the resources, takeover complete", async () =>
            {
                var s = await State(lab);
                var h = s.StorageNodes.Single(n => n.Name == other);
                return s.Holders.SequenceEqual([other]) && h.TargetRunning && h.FloatingIps.Count == lab.Inventory.FloatingIps.Count
                    && h.ResourceStatus is HeartbeatResourceStatus.All or HeartbeatResourceStatus.Local;
            }, TimeSpan.FromSeconds(180));
            run.History.Events.Should().Contain(e => e.Kind == EventKinds.FaultInjected && e.Message.Contains(before));
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }
    }

    [Fact]
    public async Task Kill_heartbeat_on_the_standby_and_start_it_again()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        var holder = await catalog.PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);
        var standby = lab.Inventory.StorageNodes.Single(n => n.Name != holder).Name;
        try
        {
            await faults.InjectAsync(catalog.KillHeartbeat(standby), TestContext.Current.CancellationToken);
            // The master is gone; its media children ("heartbeat: write: serial ...") may linger as orphans a while (seen in a
            // fresh-clone CI run: `pidof heartbeat` still found them), and the heal kills them before it starts heartbeat.
            (await lab.Nodes[standby].ExecAsync("pgrep -f '^heartbeat: master'")).Succeeded.Should().BeFalse("heartbeat's master was killed on the standby");
            await Until($"{holder} declares {standby} dead", async () =>
                (await lab.Nodes[holder].ExecAsync($"cl_status nodestatus {standby}")).StandardOutput.Trim() == "dead", TimeSpan.FromSeconds(60));
            (await State(lab)).Holders.Should().Equal(holder);
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }

        (await lab.Nodes[standby].ExecAsync("pidof heartbeat")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Stop_the_iscsi_target_on_the_primary_fails_both_paths_until_healed()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        var holder = await catalog.PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);
        try
        {
            await faults.InjectAsync(catalog.StopTarget(holder), TestContext.Current.CancellationToken);
            await Until("badger's sessions are no longer logged in", async () =>
                (await State(lab)).Clients[0].Sessions.All(s => !s.IsLoggedIn), TimeSpan.FromSeconds(60));
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }
    }

    [Fact]
    public async Task Degrade_a_storage_link_with_delay_and_clean_it()
    {
        var (lab, catalog, faults, run) = await OpenAsync();
        var client = lab.Inventory.Clients[0];
        var nic = client.InterfaceOn("storage-a")!.Name;
        var portal = lab.Inventory.FloatingIps.Single(f => f.Network == "storage-a").Address.Address.ToString();
        async Task<double> Rtt()
        {
            var r = await lab.Nodes[client.Name].ExecAsync($"ping -c3 -i0.3 -W3 -I {nic} {portal} | tail -1");
            var avg = r.StandardOutput.Split('=')[^1].Trim().Split('/')[1];
            return double.Parse(avg, System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            await faults.InjectAsync(catalog.DegradeLink(client.Name, nic, new LinkDegradation(TimeSpan.FromMilliseconds(150), TimeSpan.Zero, 0)), TestContext.Current.CancellationToken);
            (await Rtt()).Should().BeGreaterThan(280, "150 ms each way on badger's link to storage A");
        }
        finally
        {
            await HealAndSettle(lab, faults, run);
        }

        (await Rtt()).Should().BeLessThan(100);
    }

    [Fact]
    public async Task A_scenario_cancelled_mid_fault_still_heals()
    {
        var lab = await SharedLab.GetAsync(TestContext.Current.CancellationToken);
        var feature = FeatureCompiler.Compile("cancel.feature", "/cancel.feature", """
            Feature: Cancellation
              Scenario: Cancelled while the serial cable is out
                Given the SAN is in steady state
                When the serial cable is pulled
                And we wait 10 min
            """);
        var runner = new ScenarioRunner(BindingRegistry.FromAssemblies(typeof(Drill).Assembly));
        using var cts = new CancellationTokenSource();
        ScenarioContext? ctx = null;
        var running = runner.RunAsync(feature.Scenarios.Single(), cts.Token, c => ctx = c);
        await Until("the serial cable is pulled", () => Task.FromResult(!((ISerialCableControl)lab).IsPlugged), TimeSpan.FromMinutes(6));
        cts.Cancel();
        var (result, cause) = await running;
        result.Status.Should().Be(StepStatus.Failed);
        cause.Should().BeAssignableTo<OperationCanceledException>();
        ((ISerialCableControl)lab).IsPlugged.Should().BeTrue("the after-scenario hook healed the fault although the run was cancelled");
        ctx!.Run.History.Events.Should().Contain(e => e.Kind == EventKinds.FaultHealed);
        result.TeardownErrors.Should().BeEmpty();
    }
}
