using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Lab.Tests.State;

[Trait("Category", "unit")]
public sealed class GatedConditionTests
{
    private sealed class ManualTime : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }

    private sealed class Scripted(string name, Func<int, Probe> answer) : ISteadyStateCondition
    {
        public int Calls { get; private set; }

        public string Name => name;

        public string Remedy => $"fix {name}";

        public Task<Probe> CheckAsync(CancellationToken ct) => Task.FromResult(answer(++Calls));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_full_check_runs_once_at_first_then_only_when_the_gate_opens_or_its_interval_is_due()
    {
        var time = new ManualTime();
        var gateOpen = false;
        var gate = new Scripted("target running", _ => gateOpen ? Probe.Yes("running on weasel") : Probe.No("stopped on both"));
        var full = new Scripted("resource group", n => n < 3 ? Probe.No($"no holder (full {n})") : Probe.Yes("group on weasel"));
        var c = new GatedCondition(gate, full, TimeSpan.FromSeconds(10), time);

        (await c.CheckAsync(Ct)).Should().Be(Probe.No("no holder (full 1)"), "the first check is a full one");
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var p = await c.CheckAsync(Ct);
            p.Satisfied.Should().BeFalse();
            p.Observed.Should().Be("target running: stopped on both (full check before: no holder (full 1))");
        }

        full.Calls.Should().Be(1, "a closed gate spares the nodes the full check");
        time.Advance(TimeSpan.FromSeconds(5));
        (await c.CheckAsync(Ct)).Observed.Should().Be("no holder (full 2)", "10 s passed: the full check runs anyway");

        gateOpen = true;
        time.Advance(TimeSpan.FromSeconds(1));
        (await c.CheckAsync(Ct)).Should().Be(Probe.Yes("group on weasel"), "an open gate runs the full check at once");
        full.Calls.Should().Be(3);
        gate.Calls.Should().Be(8);
        c.Name.Should().Be("resource group");
        c.Remedy.Should().Be("fix resource group");
    }

    [Fact]
    public async Task An_open_gate_never_stands_in_for_the_verdict()
    {
        var full = new Scripted("resource group", _ => Probe.No("split brain: otter and weasel both hold resources"));
        var c = new GatedCondition(new Scripted("target running", _ => Probe.Yes("running on otter")), full, TimeSpan.FromSeconds(10), new ManualTime());

        var p = await c.CheckAsync(Ct);

        p.Satisfied.Should().BeFalse();
        p.Observed.Should().Be("split brain: otter and weasel both hold resources");
    }
}

[Trait("Category", "unit")]
public sealed class TargetRunningGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Wait(FakeLab lab, string node) => lab.Command(node, "target_wait", v => v.With("seconds", "5"));

    [Fact]
    public async Task The_node_whose_loop_sees_the_target_answers_and_the_other_is_not_waited_for()
    {
        var lab = new FakeLab(TestFiles.Embedded());
        lab.Nodes["otter"].Hangs[Wait(lab, "otter")] = true;
        lab.Nodes["weasel"].Answers[Wait(lab, "weasel")] = FakeNode.Ok();

        var p = await SteadyState.TargetRunning(lab.AsNodes, lab.Inventory, TimeSpan.FromSeconds(5)).CheckAsync(Ct);

        p.Should().Be(Probe.Yes("target running on weasel"));
        Wait(lab, "weasel").Should().StartWith("i=0; while [ $i -lt 5 ]; do /etc/ha.d/resource.d/lio-target status");
    }

    [Fact]
    public async Task A_node_that_is_down_runs_no_target_and_the_gate_can_be_held_to_one_node()
    {
        var lab = new FakeLab(TestFiles.Embedded());
        lab.Nodes["otter"].Answers[Wait(lab, "otter")] = FakeNode.Ok();
        lab.Nodes["weasel"].Unreachable = true;

        var onWeasel = SteadyState.TargetRunning(lab.AsNodes, lab.Inventory, TimeSpan.FromSeconds(5), ["weasel"]);
        var p = await onWeasel.CheckAsync(Ct);

        p.Satisfied.Should().BeFalse("otter runs the target, but the drill waits for weasel");
        p.Observed.Should().Be("target not running (weasel: unreachable: ssh to weasel: connection timed out)");
        onWeasel.Name.Should().Be("lio-target running on weasel");
        lab.Nodes["otter"].Executed.Should().BeEmpty();
    }
}
