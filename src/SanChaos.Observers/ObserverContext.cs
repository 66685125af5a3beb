using SanChaos.Core;
using SanChaos.Inventory.Model;
using SanChaos.Labs;

namespace SanChaos.Observers;

/// <summary>What an observer is given when it starts.</summary>
/// <param name="Run">The run: history to append to, clock, run id.</param>
/// <param name="Inventory">The lab's inventory (nodes, networks, floating IPs, SUT settings).</param>
/// <param name="Nodes">The lab's nodes by name.</param>
/// <param name="ArtifactDirectory">Where the observer writes its files (exists; one directory per scenario).</param>
public sealed record ObserverContext(RunContext Run, LabInventory Inventory, IReadOnlyDictionary<string, INode> Nodes, string ArtifactDirectory);
