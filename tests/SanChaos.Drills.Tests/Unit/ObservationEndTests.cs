using System.Diagnostics;
using FluentAssertions;
using SanChaos.Checkers;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Drills.Tests.Unit;

/// <summary>
/// A drill's observers stop only after the latest bound its steps asked for (issue 25: a GARP step's "within 60 s" judged
/// on observation that ended 48 s after the fault). No lab: the run's history holds the fault as FaultSet records it, on
/// a clock set so that the bound lies a fraction of a second ahead.
/// </summary>
[Trait("Category", "unit")]
public sealed class ObservationEndTests
{
    private static readonly LabInventory Lab = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));

    private static GarpChecker Step(double within) => new(new GarpExpectation("192.168.2.1", "weasel", "storage-a", TimeSpan.FromSeconds(within)));

    /// <summary>A run whose primary lost power <paramref name="ago"/> before now (fault.injected with its descriptor, as FaultSet writes it).</summary>
    private static RunContext RunWithFault(TimeSpan ago)
    {
        var run = new RunContext(time: new OffsetTime(TimeSpan.FromDays(-3)));
        var at = run.Time.GetUtcNow() - ago;
        run.History.AppendAt(at, EventKinds.FaultInjected, "kill the primary", "kill the primary: injected (node otter)",
            new Dictionary<string, string> { ["descriptor"] = "kill-primary(node=otter)", ["node"] = "otter" });
        return run;
    }

    [Fact]
    public async Task Observation_is_held_until_the_latest_bound_a_step_asked_for_and_the_history_says_why()
    {
        // The 60 s bound (+ 2 s grace) lies 400 ms ahead; the 30 s one has long passed.
        var run = RunWithFault(TimeSpan.FromSeconds(62) - TimeSpan.FromMilliseconds(400));
        var clock = Stopwatch.StartNew();

        var need = await DrillObservers.KeepObservingAsync([Step(30), new SplitBrainChecker(), Step(60)], run, Lab, CancellationToken.None);

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(300));
        need!.Why.Should().StartWith("gratuitous ARP for 192.168.2.1 from weasel on storage-a within 60 s of the fault at");
        run.History.Events.Should().ContainSingle(e => e.Kind == EventKinds.Lab && e.Source == "drill")
            .Which.Message.Should().StartWith("observing ").And.Contain("gratuitous-arp judges gratuitous ARP for 192.168.2.1");
    }

    [Fact]
    public async Task A_bound_already_passed_or_none_at_all_holds_nothing()
    {
        var late = RunWithFault(TimeSpan.FromSeconds(90));
        var clock = Stopwatch.StartNew();

        (await DrillObservers.KeepObservingAsync([Step(60)], late, Lab, CancellationToken.None)).Should().NotBeNull();
        (await DrillObservers.KeepObservingAsync([new SplitBrainChecker()], RunWithFault(TimeSpan.Zero), Lab, CancellationToken.None)).Should().BeNull();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        late.History.Events.Should().NotContain(e => e.Source == "drill");
    }

    [Fact]
    public async Task A_cancelled_scenario_ends_the_wait_without_throwing_so_its_end_still_runs()
    {
        var run = RunWithFault(TimeSpan.Zero); // 62 s to wait
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();

        var wait = () => DrillObservers.KeepObservingAsync([Step(60)], run, Lab, cancel.Token);

        await wait.Should().NotThrowAsync();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        run.History.Events.Should().Contain(e => e.Source == "drill" && e.Message.StartsWith("observation cut short by cancellation", StringComparison.Ordinal));
    }

    /// <summary>The system clock moved by an offset (timers are the system's), so the test's times are its own.</summary>
    private sealed class OffsetTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
