using SanChaos.Drills;
using SanChaos.Gherkin.Xunit;
using Xunit;

namespace SanChaos.RackLab.Tests;

/// <summary>
/// The smoke drills, run by the rack lab's code against the running embedded lab (<see cref="EmbeddedLabAsRack"/>):
/// `dotnet test tests/SanChaos.RackLab.Tests --filter "Category=smoke"`. Same features, bindings, checkers and records as
/// the drill suite; only the inventory differs.
/// </summary>
[Collection(RackCollection.Name)]
public sealed class RackDrills(EmbeddedLabAsRack rack)
{
    [Theory(Timeout = 20 * 60 * 1000)]
    [Features("features", Tag = "smoke")]
    public async Task Drill(string scenario)
    {
        // A dry run walks the drills against $SANCHAOS_LAB as it is (DryRunTests: the example rack), with no lab under it.
        if (!Core.DryRunSwitch.Resolve()) await rack.InventoryAsync(TestContext.Current.CancellationToken);
        await DrillHost.RunAsync(scenario, typeof(Drill).Assembly);
    }
}

/// <summary>Everything that drives a lab runs in this one collection, one test at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RackCollection
{
    public const string Name = "rack";
}
