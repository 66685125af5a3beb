using SanChaos.Core.Waiting;
using SanChaos.Gherkin.Bindings;

namespace SanChaos.Drills.Bindings;

/// <summary>Steps that bring the lab to a known state and heal it afterwards.</summary>
[Binding]
public sealed class LabSteps(Drill drill)
{
    /// <summary>Step: <c>Given the SAN is in steady state</c>.</summary>
    [Given(@"the SAN is in steady state")]
    public Task SteadyState() => drill.StartAsync(TimeSpan.FromMinutes(5));

    /// <summary>Step: <c>Given badger is writing through the multipath device</c> (the I/O probe, running since the SAN's steady state).</summary>
    [Given(@"(\w+) is writing through the multipath device")]
    public Task Writing(string client) => drill.WritingAsync(drill.Node(client), TimeSpan.FromSeconds(30));

    /// <summary>Step: <c>Given multipath's no_path_retry is queue</c> on every client (healed at the end: the provisioned file back).</summary>
    [Given(@"multipath's (\w+) is (\S+)")]
    public async Task MultipathSetting(string key, string value)
    {
        foreach (var c in drill.Inventory.Clients) await drill.InjectAsync(drill.Catalog.SetMultipath(c.Name, key, value));
        await drill.RefreshConfigurationAsync();
    }

    /// <summary>
    /// Step: <c>Given open-iscsi's replacement_timeout is 120 s</c> on every client: node records and running sessions
    /// (healed at the end). multipathd puts its fast_io_fail_tmo over it whenever it reconfigures a path: pair it with
    /// <c>Given multipath's fast_io_fail_tmo is off</c>.
    /// </summary>
    [Given(@"open-iscsi's replacement_timeout is (.+)")]
    public async Task ReplacementTimeout(TimeSpan timeout)
    {
        foreach (var c in drill.Inventory.Clients) await drill.InjectAsync(drill.Catalog.SetReplacementTimeout(c.Name, timeout));
        await drill.RefreshConfigurationAsync();
    }

    /// <summary>Step: <c>Given DRBD replicates with protocol A</c> on both storage nodes (applied online; healed at the end).</summary>
    [Given(@"DRBD replicates with protocol ([ABC])")]
    public async Task DrbdProtocol(string protocol)
    {
        foreach (var n in drill.Inventory.StorageNodes) await drill.InjectAsync(drill.Catalog.SetDrbd(n.Name, "net", "protocol", protocol));
        await drill.RefreshConfigurationAsync();
    }

    /// <summary>
    /// Step: <c>Given DRBD's fencing policy is resource-only</c> (or <c>dont-care</c>, the seeds'): on both storage nodes, with
    /// DRBD's ssh fence-peer handler over the management network (healed at the end); with a handler, the fence-peer checker
    /// judges each call against the peer's disk state after it.
    /// </summary>
    [Given(@"DRBD's fencing policy is (\S+)")]
    public async Task DrbdFencing(string policy)
    {
        await drill.InjectAsync(drill.Catalog.SetDrbdFencing(policy));
        await drill.RefreshConfigurationAsync();
        // With a handler, each fence-peer call is judged against the peer's disk state right after it.
        if (policy != "dont-care") drill.CheckAtEnd(new Checkers.Fencing.FencePeerChecker());
    }

    /// <summary>Step: <c>When we wait 30 s</c> (lets the cluster react; cancelled with the run).</summary>
    [When(@"we wait (.+)")]
    public Task WeWait(TimeSpan duration) => drill.WaitAsync(duration);

    /// <summary>After every scenario: heal its faults and wait until the SAN is back in steady state.</summary>
    [AfterScenario]
    public Task HealEverything(CancellationToken ct) => drill.EndAsync(ct);
}
