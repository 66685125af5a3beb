using SanChaos.Gherkin.Bindings;
using SanChaos.Labs;

namespace SanChaos.Drills.Bindings;

/// <summary>Steps that break the SAN the way the seeds describe (each maps to one fault of the catalogue).</summary>
[Binding]
public sealed class FaultSteps(Drill drill)
{
    /// <summary>Step: <c>When the primary loses power</c>.</summary>
    [When(@"the primary loses power")]
    public Task PrimaryLosesPower() => drill.InjectAsync(drill.Catalog.KillPrimary());

    /// <summary>Step: <c>When the standby loses power</c>.</summary>
    [When(@"the standby loses power")]
    public async Task StandbyLosesPower() =>
        await drill.InjectAsync(drill.Catalog.PowerOffNode(drill.Other(await drill.HolderAsync())));

    /// <summary>Step: <c>When (\w+) loses power</c>.</summary>
    [When(@"(\w+) loses power")]
    public Task NodeLosesPower(string node) => drill.InjectAsync(drill.Catalog.PowerOffNode(drill.Node(node)));

    /// <summary>Step: <c>When the power of (\w+) comes back</c>.</summary>
    [When(@"the power of (\w+) comes back")]
    public Task PowerComesBack(string node) => drill.HealAsync(drill.Catalog.PowerOffNode(drill.Node(node)).Name);

    /// <summary>Step: <c>When the standby&#x27;s power comes back</c>.</summary>
    [When(@"the standby's power comes back")]
    public Task StandbyPowerComesBack() => drill.HealAsync(drill.Catalog.PowerOffNode(drill.Other(drill.InitialHolder!)).Name);

    /// <summary>Step: <c>When switch &quot;([^&quot;]+)&quot; loses power</c>.</summary>
    [When(@"switch ""([^""]+)"" loses power")]
    public Task SwitchLosesPower(string sw) => drill.InjectAsync(drill.Catalog.PowerOffSwitch(sw));

    /// <summary>Step: <c>When the serial cable is pulled</c>.</summary>
    [When(@"the serial cable is pulled")]
    public Task SerialPulled() => drill.InjectAsync(drill.Catalog.PullSerialCable());

    /// <summary>Step: <c>When the eth1 crossover cable is cut</c>.</summary>
    [When(@"the eth1 crossover cable is cut")]
    public Task CrossoverCut() => drill.InjectAsync(drill.Catalog.CutCrossover());

    /// <summary>Step: <c>When the cable of (\w+) (\w+) is cut</c>.</summary>
    [When(@"the cable of (\w+) (\w+) is cut")]
    public Task CableCut(string node, string nic) => drill.InjectAsync(drill.Catalog.CutCable(drill.Node(node), nic));

    /// <summary>Step: <c>When heartbeat is killed on the primary</c>.</summary>
    [When(@"heartbeat is killed on the primary")]
    public async Task HeartbeatKilledOnPrimary() => await drill.InjectAsync(drill.Catalog.KillHeartbeat(await drill.HolderAsync()));

    /// <summary>Step: <c>When the link of (\w+) (\w+) degrades to (.+) delay and (\d+(?:\.\d+)?)% loss</c>.</summary>
    [When(@"the link of (\w+) (\w+) degrades to (.+) delay and (\d+(?:\.\d+)?)% loss")]
    public Task LinkDegrades(string node, string nic, TimeSpan delay, double loss) =>
        drill.InjectAsync(drill.Catalog.DegradeLink(drill.Node(node), nic, new LinkDegradation(delay, TimeSpan.Zero, loss)));
}
