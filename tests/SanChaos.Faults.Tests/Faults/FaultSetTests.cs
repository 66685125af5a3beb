using System.Collections.Concurrent;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

public sealed class FaultSetTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly RunContext _run = new("run1", new SteppingTime(), seed: 1);
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose() => _dir.Dispose();

    private FaultSet NewSet(FaultJournal? journal = null, TimeSpan? healTimeout = null, RunContext? run = null) =>
        new(run ?? _run, TestInventory.Load(_dir.File("pdu.secret", "x")), new FaultSetOptions
        {
            Journal = journal,
            DryRun = false,
            HealTimeout = healTimeout ?? TimeSpan.FromSeconds(10),
            Output = _ => { },
        });

    private FakeFault Fault(string name, params FaultTarget[] targets) => new(name, _log, targets: targets);

    [Fact]
    public async Task Injection_is_recorded_before_and_after_with_targets_and_rising_timestamps()
    {
        var faults = NewSet();
        var f = Fault("power off otter", FaultTarget.Node("otter"), FaultTarget.PduOutlet("pdu1", 1, "otter"));
        f.FactsLearnt["outlets"] = "pdu1/1";

        await faults.InjectAsync(f, TestContext.Current.CancellationToken);
        await faults.HealAsync(f, TestContext.Current.CancellationToken);

        var events = _run.History.Events;
        events.Select(e => e.Kind).Should().Equal(
            EventKinds.FaultInjecting, EventKinds.FaultInjected, FaultEventKinds.Healing, EventKinds.FaultHealed);
        events.Should().OnlyContain(e => e.Source == "power off otter");
        events[0].Data["targets"].Should().Be("node otter; outlet 1 (otter) of PDU pdu1");
        events[0].Data["descriptor"].Should().Be("fake(name=power off otter)");
        events[0].Data["run"].Should().Be("run1");
        events[1].Data["outlets"].Should().Be("pdu1/1", "what the fault learnt is recorded with fault.injected");
        events.Select(e => e.Timestamp).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        _run.History.Between(events[0], events[3]).Should().BePositive();
        faults.Active.Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_injection_of_an_active_fault_is_refused_naming_it_and_how_to_heal()
    {
        var faults = NewSet();
        await faults.InjectAsync(Fault("power off otter"), TestContext.Current.CancellationToken);
        var again = Fault("power off otter"); // another instance, same descriptor

        var act = () => faults.InjectAsync(again, TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultRefusedException>()).Which;
        e.Problem.Should().Contain("'power off otter'").And.Contain("already active").And.Contain("run run1");
        e.Remedy.Should().Contain("HealAsync");
        again.Injected.Should().BeFalse("nothing was done");
        _run.History.Events.Should().ContainSingle(x => x.Kind == FaultEventKinds.Refused);
        faults.Active.Should().HaveCount(1);

        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        await faults.InjectAsync(again, TestContext.Current.CancellationToken); // healed: may be injected again
        faults.IsActive(again).Should().BeTrue();
    }

    [Fact]
    public async Task Healing_is_idempotent_and_healing_a_never_injected_fault_does_nothing()
    {
        var faults = NewSet();
        var f = Fault("cut otter eth1");
        var never = Fault("pull the serial cable");

        await faults.InjectAsync(f, TestContext.Current.CancellationToken);
        await faults.HealAsync(f, TestContext.Current.CancellationToken);
        await faults.HealAsync(f, TestContext.Current.CancellationToken);
        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        await faults.HealAsync(never, TestContext.Current.CancellationToken);

        f.Heals.Should().Be(1);
        _log.Should().Equal("inject cut otter eth1", "heal cut otter eth1");
        _run.History.Events.Count(e => e.Kind == EventKinds.FaultHealed).Should().Be(1);
    }

    [Fact]
    public async Task HealAll_heals_in_reverse_order_of_injection()
    {
        var faults = NewSet();
        foreach (var n in new[] { "power off otter", "cut weasel eth1", "pull the serial cable" })
            await faults.InjectAsync(Fault(n), TestContext.Current.CancellationToken);

        await faults.HealAllAsync(TestContext.Current.CancellationToken);

        _log.Where(l => l.StartsWith("heal", StringComparison.Ordinal)).Should().Equal(
            "heal pull the serial cable", "heal cut weasel eth1", "heal power off otter");
        faults.Active.Should().BeEmpty();
    }

    [Fact]
    public async Task HealAll_attempts_every_fault_when_one_heal_throws_and_reports_the_failures_together()
    {
        var faults = NewSet();
        var a = Fault("power off otter");
        var b = Fault("cut weasel eth1");
        var c = Fault("pull the serial cable");
        b.OnHeal = _ => throw new SanChaosException("the cable relay of weasel eth1 does not answer", "power-cycle the relay board");
        foreach (var f in new[] { a, b, c }) await faults.InjectAsync(f, TestContext.Current.CancellationToken);

        var act = () => faults.HealAllAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultHealException>()).Which;
        e.Failures.Should().ContainSingle().Which.FaultName.Should().Be("cut weasel eth1");
        e.Problem.Should().Contain("'cut weasel eth1'").And.Contain("does not answer").And.Contain("power-cycle the relay board");
        e.Remedy.Should().Contain("sanchaos lab down");
        a.Heals.Should().Be(1, "the heal after the failing one still ran");
        c.Heals.Should().Be(1);
        faults.Active.Should().Equal(b);
        _run.History.Events.Should().ContainSingle(x => x.Kind == EventKinds.FaultHealFailed)
            .Which.Data["error"].Should().Contain("does not answer");

        b.OnHeal = null; // the relay answers again
        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        faults.Active.Should().BeEmpty();
    }

    [Fact]
    public async Task A_failed_injection_is_healed_at_once_and_the_original_error_is_thrown()
    {
        var faults = NewSet();
        var f = Fault("power off otter");
        f.OnInject = _ => throw new SanChaosException("outlet 7 of PDU pdu1 is locked", "unlock it");

        var act = () => faults.InjectAsync(f, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<SanChaosException>()).Which.Problem.Should().Be("outlet 7 of PDU pdu1 is locked");
        f.Heals.Should().Be(1, "a half-injected fault must not stay");
        faults.Active.Should().BeEmpty();
        _run.History.Events.Select(e => e.Kind).Should().Equal(
            EventKinds.FaultInjecting, FaultEventKinds.InjectFailed, FaultEventKinds.Healing, EventKinds.FaultHealed);
    }

    [Fact]
    public async Task When_the_heal_after_a_failed_injection_fails_too_both_errors_are_reported_and_the_fault_stays_active()
    {
        var faults = NewSet();
        var f = Fault("power off otter");
        f.OnInject = _ => throw new SanChaosException("outlet 7 did not switch off");
        f.OnHeal = _ => throw new SanChaosException("outlet 1 did not switch on");

        var act = () => faults.InjectAsync(f, TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultInjectionException>()).Which;
        e.Problem.Should().Contain("outlet 7 did not switch off").And.Contain("outlet 1 did not switch on");
        e.InjectError.Message.Should().Be("outlet 7 did not switch off");
        faults.Active.Should().Equal(f);
        f.OnHeal = null;
        await faults.DisposeAsync();
        faults.Active.Should().BeEmpty();
    }

    [Fact]
    public async Task An_injection_cancelled_half_way_is_still_healed_with_a_live_token()
    {
        var faults = NewSet();
        using var drill = new CancellationTokenSource();
        var f = Fault("power off otter");
        f.OnInject = async ct =>
        {
            await drill.CancelAsync(); // the drill is cancelled (Ctrl-C, test timeout) half way through
            await Task.Delay(Timeout.Infinite, ct);
        };

        var act = () => faults.InjectAsync(f, drill.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        f.Heals.Should().Be(1);
        f.LastHealToken.IsCancellationRequested.Should().BeFalse("the heal runs under its own token");
        f.LastHealToken.CanBeCanceled.Should().BeTrue("the heal has a deadline");
        _run.History.Events.Should().Contain(e => e.Kind == FaultEventKinds.InjectFailed && e.Message.Contains("cancelled"));
        _run.History.Events.Should().Contain(e => e.Kind == FaultEventKinds.Healing && e.Data["after_cancellation"] == "true");
        faults.Active.Should().BeEmpty();
    }

    [Fact]
    public async Task HealAll_with_a_cancelled_drill_token_still_heals_everything()
    {
        var faults = NewSet();
        var a = Fault("power off otter");
        var b = Fault("cut otter eth1");
        await faults.InjectAsync(a, TestContext.Current.CancellationToken);
        await faults.InjectAsync(b, TestContext.Current.CancellationToken);
        using var drill = new CancellationTokenSource();
        await drill.CancelAsync();

        await faults.HealAllAsync(drill.Token);

        a.Heals.Should().Be(1);
        b.Heals.Should().Be(1);
        a.LastHealToken.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task A_heal_that_hangs_is_stopped_at_its_deadline_with_a_clear_error()
    {
        var faults = NewSet(healTimeout: TimeSpan.FromMilliseconds(100));
        var f = Fault("kill heartbeat on otter");
        f.OnHeal = ct => Task.Delay(Timeout.Infinite, ct);
        await faults.InjectAsync(f, TestContext.Current.CancellationToken);

        var act = () => faults.HealAllAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<FaultHealException>()).Which;
        e.Problem.Should().Contain("did not finish within 100 ms").And.Contain("HealTimeout");
    }

    [Fact]
    public async Task Disposing_heals_everything_and_refuses_later_injections()
    {
        var faults = NewSet();
        var a = Fault("power off otter");
        await faults.InjectAsync(a, TestContext.Current.CancellationToken);

        await faults.DisposeAsync();
        await faults.DisposeAsync();

        a.Heals.Should().Be(1);
        var act = () => faults.InjectAsync(Fault("cut otter eth1"), TestContext.Current.CancellationToken);
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }
}
