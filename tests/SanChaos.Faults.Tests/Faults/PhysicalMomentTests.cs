using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

/// <summary>
/// When a fault physically happened, in its <c>fault.injected</c> event: the embedded PDU's record of when it switched the
/// outlet (the real Redfish server on 127.0.0.1 with a recording actuator), or the request and the read-back that bound it.
/// </summary>
[Trait("Category", "faults")]
public sealed class PhysicalMomentTests
{
    /// <summary>A clock an hour behind this host's, as a rack PDU nobody set the time on.</summary>
    private sealed class HourBehind : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddHours(-1);
    }

    private static async Task<(HistoryEvent Injecting, HistoryEvent Injected)> PowerOffWeaselAsync(PduRig rig)
    {
        var run = new RunContext("moment");
        var faults = rig.Faults(run, journal: false);
        await faults.InjectAsync(rig.Catalog().PowerOffNode("weasel"), TestContext.Current.CancellationToken);
        var events = run.History.Events;
        return (events.Single(e => e.Kind == EventKinds.FaultInjecting), events.Single(e => e.Kind == EventKinds.FaultInjected));
    }

    [Fact]
    public async Task The_pdus_record_of_the_switch_is_the_moment_and_comes_well_before_the_event_written_after_the_read_back()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        rig.Actuator.Clock = TimeProvider.System;
        rig.Actuator.PowerOffTakes = TimeSpan.FromMilliseconds(400); // the node's processes take a while to die after the freeze

        var (injecting, injected) = await PowerOffWeaselAsync(rig);

        var at = PhysicalMoment.Of(injected);
        at.Should().Be(rig.Actuator.PowerChangedAt("weasel")!.Value.ToUniversalTime(), "the PDU's own record");
        PhysicalMoment.SourceOf(injected).Should().Be(PhysicalMoment.FromPduRecord);
        at.Should().BeOnOrAfter(injecting.Wall).And.BeBefore(injected.Wall - TimeSpan.FromMilliseconds(350));
        injected.Data[PhysicalMoment.Detail].Should().StartWith("PDU pdu1 recorded outlet 2 (weasel) switched off at ");
        injected.Message.Should().NotContain("physical", "the moment is data, the message stays readable");
    }

    [Fact]
    public async Task Without_a_record_the_request_bounds_it_from_below_and_the_read_back_from_above()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        rig.Actuator.PowerOffTakes = TimeSpan.FromMilliseconds(200);

        var (injecting, injected) = await PowerOffWeaselAsync(rig);

        PhysicalMoment.SourceOf(injected).Should().Be(PhysicalMoment.FromPduRequest);
        var at = PhysicalMoment.Of(injected);
        at.Should().BeOnOrAfter(injecting.Wall).And.BeBefore(injected.Wall - TimeSpan.FromMilliseconds(150));
        var latest = DateTimeOffset.Parse(injected.Data[PhysicalMoment.NotAfter], System.Globalization.CultureInfo.InvariantCulture);
        latest.Should().BeOnOrAfter(at + TimeSpan.FromMilliseconds(150)).And.BeOnOrBefore(injected.Wall);
        injected.Data[PhysicalMoment.Detail].Should().Contain("between the request at").And.Contain("the PDU keeps no record of it");
    }

    [Fact]
    public async Task A_record_outside_the_request_and_the_read_back_is_not_believed()
    {
        // The planted defect: a PDU clock an hour behind would put the power cut an hour before the drill.
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        rig.Actuator.Clock = new HourBehind();

        var (injecting, injected) = await PowerOffWeaselAsync(rig);

        PhysicalMoment.SourceOf(injected).Should().Be(PhysicalMoment.FromPduRequest);
        PhysicalMoment.Of(injected).Should().BeOnOrAfter(injecting.Wall);
        injected.Data[PhysicalMoment.Detail].Should().Contain("lies outside the request and the read-back: its clock is not this host's");
    }

    [Fact]
    public async Task A_heal_records_when_the_power_came_back_and_one_that_switched_nothing_records_no_moment()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        rig.Actuator.Clock = TimeProvider.System;
        var run = new RunContext("moment-heal");
        var faults = rig.Faults(run, journal: false);
        var fault = rig.Catalog().PowerOffNode("weasel");
        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);

        await faults.HealAsync(fault, TestContext.Current.CancellationToken);
        var healed = run.History.Events.Single(e => e.Kind == EventKinds.FaultHealed);
        PhysicalMoment.SourceOf(healed).Should().Be(PhysicalMoment.FromPduRecord);
        PhysicalMoment.Of(healed).Should().Be(rig.Actuator.PowerChangedAt("weasel")!.Value.ToUniversalTime());

        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);
        rig.Actuator.Set("weasel", true); // someone switched it on by hand: the heal has nothing to switch
        await faults.HealAsync(fault, TestContext.Current.CancellationToken);
        var second = run.History.Events.Last(e => e.Kind == EventKinds.FaultHealed);
        second.Data.Should().NotContainKey(PhysicalMoment.At);
        PhysicalMoment.SourceOf(second).Should().Be(PhysicalMoment.FromEvent);
    }

    [Fact]
    public async Task A_cable_cut_records_when_the_labs_cut_returned_with_the_request_as_its_lower_bound()
    {
        using var dir = new TempDir();
        var lab = new CapableLab(TestInventory.Load(dir.File("pdu.secret", "x")));
        var run = new RunContext("cut");
        var faults = new FaultSet(run, lab.Inventory, new FaultSetOptions { DryRun = false });

        await faults.InjectAsync(new FaultCatalog(lab).CutCable("otter", "eth1"), TestContext.Current.CancellationToken);

        var injected = run.History.Events.Single(e => e.Kind == EventKinds.FaultInjected);
        PhysicalMoment.SourceOf(injected).Should().Be(PhysicalMoment.FromCableCut);
        PhysicalMoment.Of(injected).Should().BeOnOrBefore(injected.Wall);
        injected.Message.Should().Be("cut otter eth1: injected");
    }
}
