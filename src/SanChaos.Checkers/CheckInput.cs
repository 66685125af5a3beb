using SanChaos.Core.History;
using SanChaos.Inventory.Model;

namespace SanChaos.Checkers;

/// <summary>What a checker reads: a scenario's history (and the files beside it), never the live lab.</summary>
/// <param name="Events">The history, in time order (<see cref="HistoryFile.InTimeOrder"/>).</param>
/// <param name="Inventory">The lab's inventory (nodes, MACs, floating IPs, networks, SUT settings).</param>
/// <param name="ArtifactDirectory">The scenario's folder (probe logs, pcaps), or null.</param>
public sealed record CheckInput(IReadOnlyList<HistoryEvent> Events, LabInventory Inventory, string? ArtifactDirectory = null);
