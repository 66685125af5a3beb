using SanChaos.Core.History;
using SanChaos.Inventory.Model;

namespace SanChaos.Checkers;

/// <summary>
/// What a checker reads: a scenario's history (and the files beside it), never the live lab. The history is put in time
/// order here, once (<see cref="HistoryFile.InTimeOrder"/>): a checker reads <see cref="Events"/> as it is.
/// </summary>
public sealed record CheckInput
{
    /// <param name="events">The history, in any order.</param>
    /// <param name="inventory">The lab's inventory (nodes, MACs, floating IPs, networks, SUT settings).</param>
    /// <param name="artifactDirectory">The scenario's folder (probe logs, pcaps), or null.</param>
    public CheckInput(IEnumerable<HistoryEvent> events, LabInventory inventory, string? artifactDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(inventory);
        Events = HistoryFile.InTimeOrder(events);
        Inventory = inventory;
        ArtifactDirectory = artifactDirectory;
    }

    /// <summary>The history, in time order (wall clock, then sequence).</summary>
    public IReadOnlyList<HistoryEvent> Events { get; }

    /// <summary>The lab's inventory (nodes, MACs, floating IPs, networks, SUT settings).</summary>
    public LabInventory Inventory { get; }

    /// <summary>The scenario's folder (probe logs, pcaps), or null.</summary>
    public string? ArtifactDirectory { get; }
}
