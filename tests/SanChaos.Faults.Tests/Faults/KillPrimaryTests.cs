using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Faults.Primary;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

[Trait("Category", "faults")]
public sealed class KillPrimaryTests
{
    private static void Nodes(PduRig rig, FakeNode otter, FakeNode weasel)
    {
        rig.Lab.NodeMap["otter"] = otter;
        rig.Lab.NodeMap["weasel"] = weasel;
    }

    [Fact]
    public async Task Kill_the_primary_powers_off_the_node_that_holds_the_resources_and_remembers_it()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        // Both say "local" (v1: a node with no own resources says local too); weasel has the floating IP.
        Nodes(rig, FakeNode.Storage("otter", "local", holdsFloatingIp: false, "192.168.1.2"),
            FakeNode.Storage("weasel", "local", holdsFloatingIp: true, "192.168.1.3"));
        var run = new RunContext("kill1");
        var faults = rig.Faults(run);
        var fault = rig.Catalog().KillPrimary();

        fault.Name.Should().Be("kill the primary");
        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);

        rig.Actuator.Calls.Should().Equal("off weasel");
        var injected = run.History.Events.Single(e => e.Kind == EventKinds.FaultInjected);
        injected.Data["node"].Should().Be("weasel");
        injected.Message.Should().Contain("weasel");
        fault.Descriptor.ToString().Should().Be("kill-primary(node=weasel)");
        new FaultJournal(rig.JournalPath).Read().Single().Descriptor.Get("node").Should().Be("weasel");

        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        rig.Actuator.Calls.Should().Equal("off weasel", "on weasel");
    }

    [Fact]
    public async Task Kill_the_primary_refuses_a_split_brain_naming_both_nodes_and_powers_nothing()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        Nodes(rig, FakeNode.Storage("otter", "all", holdsFloatingIp: true, "192.168.1.2"),
            FakeNode.Storage("weasel", "local", holdsFloatingIp: true, "192.168.1.3"));
        var faults = rig.Faults(new RunContext());

        var act = () => faults.InjectAsync(rig.Catalog().KillPrimary(), TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<PrimaryUnknownException>()).Which;
        e.IsSplitBrain.Should().BeTrue();
        e.Claimants.Should().Equal("otter", "weasel");
        e.Problem.Should().Contain("Split brain: both otter and weasel")
            .And.Contain("- otter: hb running, rsc all, cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate, IPs 192.168.1.1 192.168.2.1")
            .And.Contain("- weasel: hb running, rsc local, cs:Connected ro:Primary/Secondary");
        e.Remedy.Should().Contain("split brain");
        rig.Actuator.Calls.Should().BeEmpty();
        faults.Active.Should().BeEmpty("the locator failed before anything was powered off; the heal did nothing");
    }

    [Fact]
    public async Task Nobody_holding_the_resources_is_an_error()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        Nodes(rig, FakeNode.Storage("otter", "none", false, "192.168.1.2"), FakeNode.Storage("weasel", "local", false, "192.168.1.3"));

        var act = () => rig.Catalog().PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<PrimaryUnknownException>()).Which;
        e.Problem.Should().Contain("No storage node holds the Heartbeat resources").And.Contain("- otter: hb running, rsc none");
        e.Remedy.Should().Contain("steady state");
    }

    [Fact]
    public async Task The_holder_whose_heartbeat_is_down_is_an_error()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var otter = new FakeNode("otter")
            .On("cl_status", "", exit: 1, stderr: "cl_status: heartbeat is not running")
            .On("ip -o", FakeNode.IpAddrOutput("192.168.1.2", holdsFloatingIp: true));
        Nodes(rig, otter, FakeNode.Storage("weasel", "none", false, "192.168.1.3"));

        var act = () => rig.Catalog().PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PrimaryUnknownException>()).Which.Problem.Should()
            .Contain("otter holds the Heartbeat resources (floating IP 192.168.1.1) but its Heartbeat says nothing (heartbeat is not running there)")
            .And.Contain("otter: hb stopped");
    }

    [Fact]
    public async Task A_holder_without_the_first_floating_ip_is_half_started()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var weasel = FakeNode.Storage("weasel", "all", false, "192.168.1.3"); // Heartbeat says all, but no IP is up yet
        Nodes(rig, FakeNode.Storage("otter", "local", false, "192.168.1.2"), weasel);

        var act = () => rig.Catalog().PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PrimaryUnknownException>()).Which.Problem.Should()
            .Contain("weasel holds part of the Heartbeat resources but not the floating IP 192.168.1.1");
    }

    [Fact]
    public async Task An_unreachable_node_holds_nothing()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        Nodes(rig, new FakeNode("otter") { Unreachable = "connection refused" }, FakeNode.Storage("weasel", "all", true, "192.168.1.3"));

        var primary = await rig.Catalog().PrimaryLocator.WhoHoldsResourcesAsync(TestContext.Current.CancellationToken);

        primary.Should().Be("weasel");
    }

    [Fact]
    public async Task A_kill_the_primary_journaled_before_the_node_was_known_powers_on_every_storage_node_that_is_off()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        rig.Actuator.Set("otter", false); // the run died after switching otter off, before journaling the node
        var fault = rig.Catalog().Rebuild(new FaultDescriptor(FaultKinds.KillPrimary));

        await fault.HealAsync(TestContext.Current.CancellationToken);

        rig.Actuator.Calls.Should().Equal("on otter");
    }

    [Fact]
    public async Task A_kill_the_primary_that_was_never_injected_heals_as_a_no_op()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        rig.Actuator.Set("otter", false);

        await rig.Catalog().KillPrimary().HealAsync(TestContext.Current.CancellationToken);

        rig.Actuator.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_dry_run_of_kill_the_primary_asks_no_node_and_switches_nothing()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var otter = FakeNode.Storage("otter", "local", false, "192.168.1.2");
        var weasel = FakeNode.Storage("weasel", "local", true, "192.168.1.3");
        Nodes(rig, otter, weasel);
        var lines = new List<string>();
        var faults = rig.Faults(new RunContext(), dryRun: true, output: lines.Add);

        await faults.InjectAsync(rig.Catalog().KillPrimary(), TestContext.Current.CancellationToken);

        lines[0].Should().Be("DRY RUN: would ask otter and weasel which holds the Heartbeat resources (DRBD role, floating IPs, target, cl_status rscstatus: read only), then power that node off");
        lines.Should().Contain(l => l.StartsWith("DRY RUN: would switch outlet 2 (weasel) of PDU pdu1 at http://127.0.0.1:", StringComparison.Ordinal) && l.EndsWith(" off (if weasel holds them)", StringComparison.Ordinal));
        otter.Commands.Should().BeEmpty();
        weasel.Commands.Should().BeEmpty();
        rig.Actuator.Calls.Should().BeEmpty();
    }
}
