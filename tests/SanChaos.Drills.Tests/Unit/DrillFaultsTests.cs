using FluentAssertions;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Gherkin.Execution;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using Xunit;

namespace SanChaos.Drills.Tests.Unit;

/// <summary>A fault the lab cannot inject skips the drill with the reason; no lab runs (a rack's inventory, nothing reached).</summary>
[Trait("Category", "unit")]
public sealed class DrillFaultsTests
{
    /// <summary>The example rack without the relay its serial cable runs through (the outlet feeding `serial`).</summary>
    private static readonly LabInventory Rack = RackWithoutRelay();

    private static LabInventory RackWithoutRelay()
    {
        var path = Path.Combine(Core.Repository.Root(), "lab", "hardware.example.yaml");
        var lines = File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("9: serial", StringComparison.Ordinal));
        return InventoryLoader.Parse(path, string.Join('\n', lines));
    }

    [Fact]
    public void A_fault_the_lab_lacks_the_capability_for_skips_the_scenario_with_the_lab_the_fault_and_what_it_lacks()
    {
        var catalog = new FaultCatalog(new BareLab(Rack));

        var e = FluentActions.Invoking(() => DrillFaults.Take(catalog, c => c.PullSerialCable())).Should().Throw<SkippedStepException>().Which;

        e.Status.Should().Be(StepStatus.Skipped);
        e.Problem.Should().StartWith($"SKIPPED: lab rack2 (hardware, {Rack.SourcePath}) cannot pull the serial cable: it lacks ISerialCableControl.")
            .And.Contain("the cable runs through no relay the lab controls");
        e.Remedy.Should().Contain("by hand");
        e.InnerException.Should().BeOfType<FaultRefusedException>();
        FluentActions.Invoking(() => DrillFaults.Take(catalog, c => c.CutCrossover())).Should().Throw<SkippedStepException>()
            .Which.Problem.Should().Contain("it lacks ICableControl");
    }

    [Fact]
    public void A_refusal_that_is_the_drills_mistake_still_fails_it()
    {
        var catalog = new FaultCatalog(new BareLab(Rack));

        FluentActions.Invoking(() => DrillFaults.Take(catalog, c => c.KillHeartbeat("badger"))).Should().Throw<FaultRefusedException>()
            .Which.MissingCapability.Should().BeNull();
    }

    /// <summary>A lab with nodes only: no power, cable, serial or shaping capability.</summary>
    private sealed class BareLab(LabInventory inventory) : ILab
    {
        public LabInventory Inventory { get; } = inventory;

        public IReadOnlyDictionary<string, INode> Nodes { get; } = new Dictionary<string, INode>();

        public Task UpAsync(CancellationToken ct = default) => Task.CompletedTask;

        public Task DownAsync(CancellationToken ct = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
