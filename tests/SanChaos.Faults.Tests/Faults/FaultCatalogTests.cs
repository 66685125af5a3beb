using FluentAssertions;
using SanChaos.Core;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Tests.Faults.Fakes;
using SanChaos.Labs;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

public sealed class FaultCatalogTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CapableLab Capable() => new(TestInventory.Load(_dir.File("pdu.secret", "x")), new Uri("http://127.0.0.1:9"));

    private FakeLab Rack(bool serial = true) =>
        new(TestInventory.Load(_dir.File("pdu.secret", "x"), name: "rack2", kind: "hardware", pduAddress: "10.0.9.9:443", serial: serial));

    [Fact]
    public void A_lab_without_a_serial_relay_cannot_pull_the_serial_cable()
    {
        var act = () => new FaultCatalog(Rack()).PullSerialCable();

        var e = act.Should().Throw<FaultRefusedException>().Which;
        e.Problem.Should().Be("Lab rack2 cannot pull the serial cable: the cable runs through no relay the lab controls.");
        e.Remedy.Should().Contain("by hand").And.Contain("`outlets: { <number>: serial }`");
        e.FaultName.Should().Be("pull the serial cable");
        e.MissingCapability.Should().Be("ISerialCableControl", "a drill that needs it is skipped on this lab, not failed");
    }

    [Fact]
    public async Task On_a_rack_the_serial_cable_is_pulled_by_switching_its_relay_outlet_off_through_the_PDU_and_plugged_by_switching_it_on()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await PduRig.StartAsync(serialRelay: true, ct: ct);
        var rack = new FakeLab(rig.Inventory, rig.Server.BaseUrl);
        var catalog = new FaultCatalog(rack, new FaultCatalogOptions
        {
            PowerConfirmTimeout = TimeSpan.FromSeconds(5), PowerConfirmInterval = TimeSpan.FromMilliseconds(20), PduRequestTimeout = TimeSpan.FromSeconds(5),
        });
        await using var faults = rig.Faults(new RunContext(), journal: false);

        var pull = catalog.PullSerialCable();
        pull.Descriptor.Kind.Should().Be(FaultKinds.PullSerialCable, "the budget and the checkers know it as the serial cable, whatever pulls it");
        pull.Targets.Should().Equal(FaultTarget.SerialCable("otter", "weasel"), FaultTarget.PduOutlet("pdu1", 8, "serial"));
        ((IDescribesActions)pull).DescribeActions(FaultPhase.Inject)[0].Should().StartWith("switch outlet 8 (serial) of PDU pdu1 at http://127.0.0.1:");
        await faults.InjectAsync(pull, ct);
        rig.Actuator.IsPowered("serial").Should().BeFalse();
        await faults.HealAllAsync(ct);

        rig.Actuator.Calls.Should().Equal("off serial", "on serial");
    }

    [Fact]
    public void A_relay_outlet_needs_a_serial_cable()
    {
        var act = () => TestInventory.Load(_dir.File("pdu.secret", "x"), serial: false, serialRelay: true);

        act.Should().Throw<Inventory.Loading.InventoryException>().Which.Message.Should()
            .Contain("Outlet 8 of PDU 'pdu1' feeds the serial cable's relay, but no serial cable is declared.");
    }

    [Fact]
    public void A_lab_without_a_serial_cable_declared_cannot_pull_one()
    {
        var act = () => new FaultCatalog(Rack(serial: false)).PullSerialCable();

        var e = act.Should().Throw<FaultRefusedException>().Which;
        e.Remedy.Should().Contain("serial: between: [otter, weasel]");
        e.MissingCapability.Should().Be("a serial cable");
    }

    [Fact]
    public void A_lab_without_cable_control_or_link_shaping_refuses_those_faults_at_creation()
    {
        var catalog = new FaultCatalog(Rack());

        var cut = catalog.Invoking(c => c.CutCable("otter", "eth1")).Should().Throw<FaultRefusedException>().Which;
        cut.Problem.Should().Be("Lab rack2 cannot cut cables: it has no cable control (the lab does not implement ICableControl).");
        cut.MissingCapability.Should().Be("ICableControl");
        var shape = catalog.Invoking(c => c.DegradeLink("otter", "eth2", new LinkDegradation(TimeSpan.FromMilliseconds(100), TimeSpan.Zero, 0)))
            .Should().Throw<FaultRefusedException>().Which;
        shape.Remedy.Should().Contain("tc qdisc add dev eth2 root netem delay 100ms");
        shape.MissingCapability.Should().Be("ILinkShaping");
    }

    [Fact]
    public void Faults_on_what_the_inventory_does_not_have_are_refused_at_creation()
    {
        var catalog = new FaultCatalog(Capable());

        var noNode = catalog.Invoking(c => c.PowerOffNode("otter2")).Should().Throw<FaultRefusedException>().Which;
        noNode.Remedy.Should().Contain("otter, weasel, badger");
        noNode.MissingCapability.Should().BeNull("a node the inventory lacks is the drill's mistake: it fails");
        var noOutlet = catalog.Invoking(c => c.PowerOffNode("badger")).Should().Throw<FaultRefusedException>().Which;
        noOutlet.Problem.Should().Contain("cannot power off badger: no PDU outlet");
        noOutlet.MissingCapability.Should().Be("a PDU outlet feeding badger");
        catalog.Invoking(c => c.PowerOffSwitch("switch-c")).Should().Throw<FaultRefusedException>();
        catalog.Invoking(c => c.PowerOffSwitch("mgmt-switch")).Should().Throw<FaultRefusedException>()
            .Which.Problem.Should().Contain("no PDU outlet");
        catalog.Invoking(c => c.CutCable("otter", "eth9")).Should().Throw<FaultRefusedException>()
            .Which.Remedy.Should().Contain("eth1 (replication)");
        catalog.Invoking(c => c.KillHeartbeat("badger")).Should().Throw<FaultRefusedException>()
            .Which.Problem.Should().Be("badger is a client node; heartbeat runs on the storage nodes.");
        catalog.Invoking(c => c.StopTarget("badger")).Should().Throw<FaultRefusedException>();
    }

    [Fact]
    public async Task Cable_serial_and_link_faults_drive_the_lab_and_heal_it()
    {
        var lab = Capable();
        var catalog = new FaultCatalog(lab);
        await using var faults = new FaultSet(new RunContext(), lab.Inventory, new FaultSetOptions { DryRun = false });
        var link = catalog.DegradeLink("otter", "eth2", new LinkDegradation(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20), 5));

        await faults.InjectAsync(catalog.CutCable("weasel", "eth3"), TestContext.Current.CancellationToken);
        await faults.InjectAsync(catalog.PullSerialCable(), TestContext.Current.CancellationToken);
        await faults.InjectAsync(link, TestContext.Current.CancellationToken);
        lab.IsCut("weasel", "eth3").Should().BeTrue();
        lab.IsPlugged.Should().BeFalse();
        await faults.HealAllAsync(TestContext.Current.CancellationToken);

        link.Name.Should().Be("degrade otter eth2 (delay 200 ms ± 20 ms, loss 5 %)");
        lab.Calls.Should().Equal(
            "cut weasel eth3", "pull serial", "degrade otter eth2 delay 200ms 20ms loss 5%",
            "clean otter eth2", "plug serial", "restore weasel eth3");
    }

    [Fact]
    public async Task The_eth1_crossover_is_cut_at_otters_end_and_is_the_same_fault_as_cutting_otter_eth1()
    {
        var lab = Capable();
        var catalog = new FaultCatalog(lab);
        await using var faults = new FaultSet(new RunContext(), lab.Inventory, new FaultSetOptions { DryRun = false });
        var crossover = catalog.CutCrossover();

        crossover.Name.Should().Be("cut the eth1 crossover (at otter)");
        crossover.Targets.Should().Equal(FaultTarget.Interface("otter", "eth1"));
        crossover.Descriptor.Should().Be(catalog.CutCable("otter", "eth1").Descriptor);
        await faults.InjectAsync(crossover, TestContext.Current.CancellationToken);
        var again = () => faults.InjectAsync(catalog.CutCable("otter", "eth1"), TestContext.Current.CancellationToken);
        await again.Should().ThrowAsync<FaultRefusedException>();
        lab.Calls.Should().Equal("cut otter eth1");
    }

    [Fact]
    public void Every_fault_of_the_catalogue_can_be_rebuilt_from_its_descriptor()
    {
        var catalog = new FaultCatalog(Capable());
        IFault[] all =
        [
            catalog.PowerOffNode("otter"), catalog.PowerOffSwitch("switch-b"), catalog.CutCable("badger", "eth1"),
            catalog.PullSerialCable(), catalog.KillPrimary(), catalog.KillHeartbeat("weasel"), catalog.StopTarget("otter"),
            catalog.DegradeLink("weasel", "eth1", new LinkDegradation(TimeSpan.FromMilliseconds(12.5), TimeSpan.Zero, 0.5)),
        ];

        foreach (var f in all)
        {
            var back = catalog.Rebuild(f.Descriptor);
            back.Descriptor.Should().Be(f.Descriptor);
            back.Name.Should().Be(f.Name);
            back.Targets.Should().Equal(f.Targets);
        }

        all.Select(f => f.Descriptor.Kind).Should().OnlyHaveUniqueItems();
        catalog.Invoking(c => c.Rebuild(new FaultDescriptor("melt-rack"))).Should().Throw<Core.Errors.SanChaosException>()
            .Which.Remedy.Should().Contain(FaultKinds.PowerOffNode);
    }

    [Fact]
    public void Kill_the_primary_targets_both_storage_nodes_and_all_their_outlets()
    {
        var fault = new FaultCatalog(Capable()).KillPrimary();

        fault.Targets.Select(t => t.ToString()).Should().Equal(
            "node otter", "outlet 1 (otter) of PDU pdu1", "outlet 7 (otter) of PDU pdu1", "node weasel", "outlet 2 (weasel) of PDU pdu1");
        fault.Descriptor.Should().Be(new FaultDescriptor(FaultKinds.KillPrimary));
    }

    [Theory]
    [InlineData("10.0.9.9:161", "10.0.9.9", 161)]
    [InlineData("pdu-r2.example", "pdu-r2.example", 161)]
    [InlineData("[fd00::9]:1161", "fd00::9", 1161)]
    [InlineData("fd00::9", "fd00::9", 161)]
    public void Snmp_pdu_addresses_are_host_and_port(string address, string host, int port)
    {
        var pdu = Capable().Inventory.Pdus[0];

        Power.PduConnector.HostPort(pdu, address).Should().Be((host, port));
    }

    [Fact]
    public void A_bad_snmp_pdu_address_names_the_pdu_and_its_line()
    {
        var pdu = Capable().Inventory.Pdus[0];

        var act = () => Power.PduConnector.HostPort(pdu, "10.0.9.9:snmp");

        act.Should().Throw<Core.Errors.SanChaosException>().Which.Problem.Should().Contain("PDU pdu1").And.Contain("embedded.yaml:");
    }
}
