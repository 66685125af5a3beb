using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Faults.Pdu;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

/// <summary>Power faults end to end: catalogue → PDU driver → the real embedded Redfish PDU on 127.0.0.1 → its outlet actuator.</summary>
[Trait("Category", "faults")]
public sealed class PowerFaultTests
{
    [Fact]
    public async Task Power_off_a_node_switches_its_outlet_off_and_the_heal_switches_it_on()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var run = new RunContext("pwr1");
        var faults = rig.Faults(run);
        var fault = rig.Catalog().PowerOffNode("weasel");

        fault.Name.Should().Be("power off weasel");
        fault.Targets.Select(t => t.ToString()).Should().Equal("node weasel", "outlet 2 (weasel) of PDU pdu1");
        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);

        rig.Actuator.Calls.Should().Equal("off weasel");
        rig.Actuator.IsPowered("weasel").Should().BeFalse();
        new FaultJournal(rig.JournalPath).Read().Should().ContainSingle().Which.Descriptor.ToString().Should().Be("power-off-node(node=weasel)");
        run.History.Events.Single(e => e.Kind == EventKinds.FaultInjected).Data["switched_off"].Should().Be("pdu1/2");

        await faults.HealAllAsync(TestContext.Current.CancellationToken);

        rig.Actuator.Calls.Should().Equal("off weasel", "on weasel");
        rig.Actuator.IsPowered("weasel").Should().BeTrue();
        File.Exists(rig.JournalPath).Should().BeFalse();
    }

    [Fact]
    public async Task A_dual_supply_node_loses_both_outlets_and_gets_both_back()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var faults = rig.Faults(new RunContext());
        var fault = rig.Catalog().PowerOffNode("otter");

        fault.Targets.Select(t => t.ToString()).Should().Equal("node otter", "outlet 1 (otter) of PDU pdu1", "outlet 7 (otter) of PDU pdu1");
        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);
        // The embedded PDU maps each outlet to the device it feeds, so the actuator sees otter switched off twice.
        rig.Actuator.Calls.Should().Equal("off otter", "off otter");

        await faults.HealAsync(fault, TestContext.Current.CancellationToken);
        rig.Actuator.Calls.Should().Equal("off otter", "off otter", "on otter");
        rig.Actuator.IsPowered("otter").Should().BeTrue();
    }

    [Fact]
    public async Task Power_off_a_storage_switch_through_its_outlet()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var faults = rig.Faults(new RunContext());
        var fault = rig.Catalog().PowerOffSwitch("switch-a");

        fault.Name.Should().Be("power off switch switch-a");
        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);
        rig.Actuator.Calls.Should().Equal("off switch-a");
        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        rig.Actuator.Calls.Should().Equal("off switch-a", "on switch-a");
    }

    [Fact]
    public async Task A_wrong_pdu_password_fails_clearly_and_powers_nothing()
    {
        await using var rig = await PduRig.StartAsync(passwordInFile: "not-the-password", ct: TestContext.Current.CancellationToken);
        var faults = rig.Faults(new RunContext());
        var fault = rig.Catalog().PowerOffNode("otter");

        var act = () => faults.InjectAsync(fault, TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultInjectionException>()).Which;
        e.InjectError.Should().BeOfType<PduException>().Which.Kind.Should().Be(PduErrorKind.AuthenticationFailed);
        e.Problem.Should().Contain("refused the credentials of user 'admin'").And.Contain("Nothing was switched");
        e.Problem.Should().Contain(rig.PasswordFile, "the error says where the password comes from");
        e.Problem.Should().NotContain("not-the-password", "secrets are never printed");
        rig.Actuator.Calls.Should().BeEmpty();
        faults.Active.Should().Equal([fault], "its heal failed too, so it stays listed for lab down");

        // The password is fixed: the journal heals what is left.
        await File.WriteAllTextAsync(rig.PasswordFile, PduRig.Password, TestContext.Current.CancellationToken);
        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        rig.Actuator.Calls.Should().BeEmpty("every outlet read on, so nothing needed switching");
    }

    [Fact]
    public async Task Healing_a_power_fault_that_was_never_injected_switches_nothing()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var fault = rig.Catalog().PowerOffNode("otter");

        await fault.HealAsync(TestContext.Current.CancellationToken);
        await fault.HealAsync(TestContext.Current.CancellationToken);

        rig.Actuator.Calls.Should().BeEmpty();
        ((IFaultFacts)fault).Facts["switched_on"].Should().Be("none (all were on)");
    }

    [Fact]
    public async Task A_power_fault_left_by_a_killed_run_is_healed_from_the_journal_by_a_new_catalogue()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var killed = rig.Faults(new RunContext("dead0001"));
        await killed.InjectAsync(rig.Catalog().PowerOffNode("otter"), TestContext.Current.CancellationToken);
        await killed.InjectAsync(rig.Catalog().PowerOffSwitch("switch-b"), TestContext.Current.CancellationToken);
        // ... the process dies here: no heal.

        var history = new RunHistory(TimeProvider.System);
        var healed = await new FaultJournal(rig.JournalPath).HealLeftoversAsync(rig.Catalog().Rebuild, history, new FaultSetOptions { DryRun = false });

        healed.Select(x => x.Name).Should().Equal("power off switch switch-b", "power off otter");
        rig.Actuator.Calls.Should().Equal("off otter", "off otter", "off switch-b", "on switch-b", "on otter");
        File.Exists(rig.JournalPath).Should().BeFalse();
    }

    [Fact]
    public async Task A_dry_run_names_each_outlet_its_pdu_and_address()
    {
        await using var rig = await PduRig.StartAsync(ct: TestContext.Current.CancellationToken);
        var lines = new List<string>();
        var run = new RunContext();
        var faults = rig.Faults(run, dryRun: true, output: lines.Add);
        var url = rig.Server.BaseUrl.ToString().TrimEnd('/');

        await faults.InjectAsync(rig.Catalog().PowerOffNode("otter"), TestContext.Current.CancellationToken);

        lines.Should().Equal(
            $"DRY RUN: would switch outlet 1 (otter) of PDU pdu1 at {url} off",
            $"DRY RUN: would switch outlet 7 (otter) of PDU pdu1 at {url} off",
            "DRY RUN: would read the 2 outlets back until they read off (up to 5 s)");
        rig.Actuator.Calls.Should().BeEmpty();
        File.Exists(rig.JournalPath).Should().BeFalse("a dry run journals nothing");
        run.History.Events.Count(e => e.Kind == FaultEventKinds.DryRun).Should().Be(3);
    }
}
