using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Tests.Faults.Fakes;
using SanChaos.Labs;
using SanChaos.Labs.Cables;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

/// <summary>A rack's cable cut: the node's end of the cable taken down over SSH, refused on the management interface.</summary>
public sealed class NodeInterfaceCablesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (NodeInterfaceCables Cables, FakeNode Otter, FakeNode Weasel) Rig(int exit = 0)
    {
        var inventory = TestInventory.Load(_dir.File("pdu.secret", "x"), name: "rack2", kind: "hardware", pduAddress: "10.0.9.9:443");
        var otter = new FakeNode("otter").On("ip link set dev", "3: eth1: <BROADCAST,MULTICAST> mtu 1500 state DOWN\n", exit, exit == 0 ? "" : "RTNETLINK answers: Operation not permitted\n");
        var weasel = new FakeNode("weasel");
        return (new NodeInterfaceCables(new Dictionary<string, INode> { ["otter"] = otter, ["weasel"] = weasel }, inventory), otter, weasel);
    }

    [Fact]
    public async Task A_cut_takes_the_nodes_end_down_and_the_restore_brings_it_up_again()
    {
        var (cables, otter, weasel) = Rig();

        await cables.CutAsync("otter", "eth1", TestContext.Current.CancellationToken);
        cables.IsCut("otter", "eth1").Should().BeTrue();
        await cables.RestoreAsync("otter", "eth1", TestContext.Current.CancellationToken);

        cables.IsCut("otter", "eth1").Should().BeFalse();
        otter.Commands.Should().Equal("ip link set dev eth1 down && ip -o link show dev eth1", "ip link set dev eth1 up && ip -o link show dev eth1");
        weasel.Commands.Should().BeEmpty("a cable is cut at one end");
        cables.Describe("otter", "eth1", cut: true).Should().Be("cut the cable of otter eth1 at otter's end: `ip link set dev eth1 down && ip -o link show dev eth1` on otter over SSH");
    }

    [Fact]
    public async Task The_management_interface_is_refused_because_its_heal_could_not_reach_the_node()
    {
        var (cables, otter, _) = Rig();

        var act = () => cables.CutAsync("otter", "eth0", TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<SanChaosException>()).Which.Message.Should().Contain("otter eth0 is on the management network");
        otter.Commands.Should().BeEmpty();
    }

    [Fact]
    public async Task A_failing_command_names_the_node_and_says_what_to_do_and_the_cable_does_not_read_cut()
    {
        var (cables, _, _) = Rig(exit: 2);

        var act = () => cables.CutAsync("otter", "eth1", TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<SanChaosException>()).Which;
        e.Message.Should().Contain("otter").And.Contain("Operation not permitted");
        e.Remedy.Should().Contain("ip link set dev eth1 down");
        cables.IsCut("otter", "eth1").Should().BeFalse();
    }

    [Fact]
    public async Task The_crossover_fault_on_a_rack_uses_the_nodes_end_and_a_dry_run_says_how()
    {
        var (cables, otter, _) = Rig();
        var inventory = TestInventory.Load(_dir.File("pdu.secret", "x"), name: "rack2", kind: "hardware", pduAddress: "10.0.9.9:443");
        var lab = new CableLab(inventory, cables);
        var lines = new List<string>();
        await using var faults = new FaultSet(new RunContext(), inventory, new FaultSetOptions { DryRun = true, Output = lines.Add });

        await faults.InjectAsync(new FaultCatalog(lab).CutCrossover(), TestContext.Current.CancellationToken);

        lines.Should().Equal("DRY RUN: would cut the cable of otter eth1 at otter's end: `ip link set dev eth1 down && ip -o link show dev eth1` on otter over SSH");
        otter.Commands.Should().BeEmpty();
    }

    private sealed class CableLab(Inventory.Model.LabInventory inventory, ICableControl cables) : FakeLab(inventory), ICableControl
    {
        public Task CutAsync(string node, string nic, CancellationToken ct = default) => cables.CutAsync(node, nic, ct);

        public Task RestoreAsync(string node, string nic, CancellationToken ct = default) => cables.RestoreAsync(node, nic, ct);

        public bool IsCut(string node, string nic) => cables.IsCut(node, nic);

        public string Describe(string node, string nic, bool cut) => cables.Describe(node, nic, cut);
    }
}
