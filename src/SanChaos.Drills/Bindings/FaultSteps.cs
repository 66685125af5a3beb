using SanChaos.Config.Budget;
using SanChaos.Gherkin.Bindings;
using SanChaos.Labs;

namespace SanChaos.Drills.Bindings;

/// <summary>Steps that break the SAN the way the seeds describe (each maps to one fault of the catalogue).</summary>
[Binding]
public sealed class FaultSteps(Drill drill)
{
    /// <summary>Step: <c>When the primary loses power</c>.</summary>
    [When(@"the primary loses power")]
    public Task PrimaryLosesPower() => drill.InjectAsync(c => c.KillPrimary(), FaultKind.PrimaryPowerLoss);

    /// <summary>Step: <c>When the standby loses power</c>.</summary>
    [When(@"the standby loses power")]
    public async Task StandbyLosesPower()
    {
        var standby = drill.Other(await drill.HolderAsync());
        await drill.InjectAsync(c => c.PowerOffNode(standby));
    }

    /// <summary>Step: <c>When (\w+) loses power</c>.</summary>
    [When(@"(\w+) loses power")]
    public async Task NodeLosesPower(string node) =>
        await drill.InjectAsync(c => c.PowerOffNode(drill.Node(node)), drill.Node(node) == await drill.HolderAsync() ? FaultKind.PrimaryPowerLoss : null);

    /// <summary>Step: <c>When the power of (\w+) comes back</c>.</summary>
    [When(@"the power of (\w+) comes back")]
    public Task PowerComesBack(string node) => drill.HealAsync(drill.Catalog.PowerOffNode(drill.Node(node)).Name);

    /// <summary>Step: <c>When the old primary&#x27;s power comes back</c> (after <c>the primary loses power</c>).</summary>
    [When(@"the old primary's power comes back")]
    public Task OldPrimaryPowerComesBack() => drill.HealAsync(drill.Catalog.KillPrimary().Name);

    /// <summary>Step: <c>When the standby&#x27;s power comes back</c>.</summary>
    [When(@"the standby's power comes back")]
    public Task StandbyPowerComesBack() => drill.HealAsync(drill.Catalog.PowerOffNode(drill.Other(drill.InitialHolder!)).Name);

    /// <summary>Step: <c>When switch &quot;([^&quot;]+)&quot; loses power</c>.</summary>
    [When(@"switch ""([^""]+)"" loses power")]
    public Task SwitchLosesPower(string sw) => drill.InjectAsync(c => c.PowerOffSwitch(sw), FaultKind.StorageSwitchLoss);

    /// <summary>Step: <c>When switch &quot;([^&quot;]+)&quot; gets its power back</c>.</summary>
    [When(@"switch ""([^""]+)"" gets its power back")]
    public Task SwitchPowerBack(string sw) => drill.HealAsync(drill.Catalog.PowerOffSwitch(sw).Name);

    /// <summary>Step: <c>When the serial cable is pulled</c>.</summary>
    [When(@"the serial (?:heartbeat )?cable is pulled")]
    public Task SerialPulled() => drill.InjectAsync(c => c.PullSerialCable());

    /// <summary>Step: <c>When the serial heartbeat cable is plugged back in</c>.</summary>
    [When(@"the serial (?:heartbeat )?cable is plugged back in")]
    public Task SerialBack() => drill.HealAsync(drill.Catalog.PullSerialCable().Name);

    /// <summary>Step: <c>When the eth1 crossover cable is cut</c>.</summary>
    [When(@"the eth1 crossover cable is cut")]
    public Task CrossoverCut() => drill.InjectAsync(c => c.CutCrossover(), FaultKind.Eth1Cut);

    /// <summary>Step: <c>When the eth1 crossover cable is restored</c>.</summary>
    [When(@"the eth1 crossover cable is restored")]
    public Task CrossoverRestored() => drill.HealAsync(drill.Catalog.CutCrossover().Name);

    /// <summary>Step: <c>When both heartbeat paths are lost</c> (the eth1 crossover cut and the serial cable pulled).</summary>
    [When(@"both heartbeat paths are lost")]
    public async Task BothPathsLost()
    {
        await drill.InjectAsync(c => c.CutCrossover(), FaultKind.Eth1Cut);
        await drill.InjectAsync(c => c.PullSerialCable());
    }

    /// <summary>Step: <c>When the cable of (\w+) (\w+) is cut</c>.</summary>
    [When(@"the cable of (\w+) (\w+) is cut")]
    public Task CableCut(string node, string nic) => drill.InjectAsync(c => c.CutCable(drill.Node(node), nic));

    /// <summary>Step: <c>When heartbeat is killed on the primary</c>.</summary>
    [When(@"(?:H|h)eartbeat is killed on the primary")]
    public async Task HeartbeatKilledOnPrimary()
    {
        var holder = await drill.HolderAsync();
        await drill.InjectAsync(c => c.KillHeartbeat(holder), FaultKind.HeartbeatDaemonDeath);
    }

    /// <summary>Step: <c>When the iSCSI target is stopped on the primary</c>.</summary>
    [When(@"the iSCSI target is stopped on the primary")]
    public async Task TargetStoppedOnPrimary()
    {
        var holder = await drill.HolderAsync();
        await drill.InjectAsync(c => c.StopTarget(holder));
    }

    /// <summary>
    /// Step: <c>When the replication link degrades to 20 ms delay and 1% loss</c>: netem on the primary's interface on the
    /// replication network (the eth1 crossover), both directions of DRBD's traffic delayed.
    /// </summary>
    [When(@"the replication link degrades to (.+) delay and (\d+(?:\.\d+)?)% loss")]
    public async Task ReplicationLinkDegrades(TimeSpan delay, double loss)
    {
        var holder = await drill.HolderAsync();
        var nic = drill.Inventory.Node(holder).Interfaces.FirstOrDefault(i => drill.Inventory.Network(i.Network).Purpose == SanChaos.Inventory.Model.NetworkPurpose.Replication)
                  ?? throw new Core.Errors.SanChaosException($"{holder} has no interface on a replication network in lab {drill.Inventory.Name}.",
                      "declare the crossover (purpose: replication) in the inventory.");
        await drill.InjectAsync(c => c.DegradeLink(holder, nic.Name, new LinkDegradation(delay, TimeSpan.Zero, loss)));
    }

    /// <summary>Step: <c>When the link of (\w+) (\w+) degrades to (.+) delay and (\d+(?:\.\d+)?)% loss</c>.</summary>
    [When(@"the link of (\w+) (\w+) degrades to (.+) delay and (\d+(?:\.\d+)?)% loss")]
    public Task LinkDegrades(string node, string nic, TimeSpan delay, double loss) =>
        drill.InjectAsync(c => c.DegradeLink(drill.Node(node), nic, new LinkDegradation(delay, TimeSpan.Zero, loss)));
}
