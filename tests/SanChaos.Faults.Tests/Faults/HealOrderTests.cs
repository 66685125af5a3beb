using System.Collections.Concurrent;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;
using SanChaos.Core.History;

namespace SanChaos.Faults.Tests.Faults;

/// <summary>
/// The order of <see cref="FaultSet.HealAllAsync"/> with fakes: settings on powered nodes, holds, the other faults (power),
/// settings on nodes that were off, settles. The drill it comes from: "DRBD replicates with protocol A" on otter and
/// weasel, then "the primary loses power" (otter): healed in plain reverse order, otter booted with protocol A in its file.
/// </summary>
public sealed class HealOrderTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly RunContext _run = new("heal-order", new SteppingTime(), seed: 1);
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose() => _dir.Dispose();

    private FaultSet NewSet(bool dryRun = false) => new(_run, TestInventory.Load(_dir.File("pdu.secret", "x")), new FaultSetOptions
    {
        DryRun = dryRun,
        HealTimeout = TimeSpan.FromSeconds(10),
        Output = line => _log.Enqueue(line),
    });

    private async Task InjectAsync(FaultSet set, params IFault[] faults)
    {
        foreach (var f in faults) await set.InjectAsync(f, TestContext.Current.CancellationToken);
        _log.Clear();
    }

    [Fact]
    public async Task A_setting_on_a_node_that_is_off_is_healed_after_its_power_with_the_service_held_before_and_settled_last()
    {
        var drbd = new FakeHold("DRBD resource r0", _log);
        var set = NewSet();
        await InjectAsync(set,
            new FakeSetting("set DRBD net protocol A (otter)", _log, drbd, "otter"),
            new FakeSetting("set DRBD net protocol A (weasel)", _log, drbd, "weasel"),
            new FakeSetting("set multipath no_path_retry queue", _log, null, "badger"),
            new FakePower("kill the primary", _log, "otter"));

        await set.HealAllAsync(TestContext.Current.CancellationToken);

        _log.Should().Equal(
            "heal set multipath no_path_retry queue",
            "heal set DRBD net protocol A (weasel)",
            "hold DRBD resource r0 (otter off)",
            "heal kill the primary",
            "heal set DRBD net protocol A (otter)",
            "settle DRBD resource r0");
        var held = _run.History.Events.Single(e => e.Kind == FaultEventKinds.Held);
        held.Source.Should().Be("DRBD resource r0");
        held.Data["nodes_off"].Should().Be("otter");
        held.Data["settings"].Should().Be("set DRBD net protocol A (otter)");
        _run.History.Events.Single(e => e.Kind == FaultEventKinds.Settled).Data["settings"]
            .Should().Be("set DRBD net protocol A (weasel), set DRBD net protocol A (otter)");
        set.Active.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_power_fault_settings_heal_in_reverse_order_nothing_is_held_and_the_service_is_settled_once()
    {
        var drbd = new FakeHold("DRBD resource r0", _log);
        var set = NewSet();
        await InjectAsync(set,
            new FakeSetting("protocol otter", _log, drbd, "otter"),
            new FakeSetting("protocol weasel", _log, drbd, "weasel"),
            new FakeFault("cut otter eth1", _log));

        await set.HealAllAsync(TestContext.Current.CancellationToken);

        _log.Should().Equal("heal protocol weasel", "heal protocol otter", "heal cut otter eth1", "settle DRBD resource r0");
        _run.History.Events.Should().NotContain(e => e.Kind == FaultEventKinds.Held);
    }

    [Fact]
    public async Task A_failed_hold_is_a_heal_failure_naming_the_hold_and_every_other_heal_still_runs()
    {
        var drbd = new FakeHold("DRBD resource r0", _log) { FailHold = "weasel does not answer" };
        var set = NewSet();
        await InjectAsync(set, new FakeSetting("protocol otter", _log, drbd, "otter"), new FakePower("power off otter", _log, "otter"));

        var act = () => set.HealAllAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultHealException>()).Which;
        e.Failures.Should().ContainSingle().Which.FaultName.Should().Be("hold DRBD resource r0 while otter boots");
        e.Problem.Should().Contain("weasel does not answer");
        _log.Should().Equal("hold DRBD resource r0 (otter off)", "heal power off otter", "heal protocol otter", "settle DRBD resource r0");
        _run.History.Events.Should().ContainSingle(x => x.Kind == FaultEventKinds.HoldFailed);
        set.Active.Should().BeEmpty("the faults themselves were healed");
    }

    [Fact]
    public async Task A_service_that_does_not_settle_fails_the_teardown_naming_it_and_the_settings_that_were_not_restored()
    {
        var drbd = new FakeHold("DRBD resource r0", _log) { FailSettle = "weasel cs:StandAlone" };
        var otter = new FakeSetting("protocol otter", _log, drbd, "otter") { OnHeal = _ => throw new InvalidOperationException("otter did not come back") };
        var set = NewSet();
        await InjectAsync(set, otter, new FakePower("power off otter", _log, "otter"));

        var act = () => set.HealAllAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultHealException>()).Which;
        e.Failures.Select(f => f.FaultName).Should().Equal("protocol otter", "settle DRBD resource r0 after its settings were restored");
        var failed = _run.History.Events.Single(x => x.Kind == FaultEventKinds.SettleFailed);
        failed.Data["settings_not_restored"].Should().Be("protocol otter");
        failed.Data["error"].Should().Contain("weasel cs:StandAlone");
        set.Active.Should().ContainSingle().Which.Should().BeSameAs(otter, "a setting that failed to heal stays active");
    }

    [Fact]
    public async Task A_dry_run_says_it_would_hold_and_settle_in_the_order_it_would_do_them()
    {
        var drbd = new FakeHold("DRBD resource r0", _log);
        var set = NewSet(dryRun: true);
        await InjectAsync(set, new FakeSetting("protocol weasel", _log, drbd, "weasel"), new FakePower("power off weasel", _log, "weasel"));

        await set.HealAllAsync(TestContext.Current.CancellationToken);

        _log.Where(l => l.Contains("hold", StringComparison.Ordinal) || l.Contains("settle", StringComparison.Ordinal))
            .Should().Equal("DRY RUN: would hold DRBD resource r0 while weasel boot", "DRY RUN: would settle DRBD resource r0");
        _log.Should().NotContain(l => !l.StartsWith("DRY RUN", StringComparison.Ordinal), "nothing is done in a dry run");
    }

    [Fact]
    public void The_plan_puts_a_setting_late_when_any_of_its_nodes_is_off_and_holds_each_service_once()
    {
        var drbd = new FakeHold("DRBD resource r0", _log);
        var fencing = new FakeSetting("fencing", _log, drbd, "otter", "weasel");
        var protocol = new FakeSetting("protocol otter", _log, drbd, "otter");
        var power = new FakePower("power off otter", _log, "otter");

        var plan = HealOrder.Plan([power, protocol, fencing]);

        plan.Early.Should().BeEmpty();
        plan.Middle.Should().Equal(power);
        plan.Late.Should().Equal(protocol, fencing);
        plan.Holds.Should().ContainSingle().Which.NodesOff.Should().Equal("otter");
        plan.Settles.Should().ContainSingle().Which.For.Should().Equal(protocol, fencing);
    }
}
