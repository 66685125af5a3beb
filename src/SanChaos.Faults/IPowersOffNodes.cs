namespace SanChaos.Faults;

/// <summary>
/// Optional capability of an <see cref="IFault"/>: the nodes it keeps without power while it is active (a node's power
/// fault; kill-the-primary once it knows the node). <see cref="FaultSet.HealAllAsync"/> heals the settings of those
/// nodes (<see cref="INodeSetting"/>) only after their power came back, and holds what reads them at boot meanwhile.
/// </summary>
public interface IPowersOffNodes
{
    /// <summary>The nodes without power while the fault is active; empty for a switch or before the node is known.</summary>
    IReadOnlyList<string> NodesOff { get; }
}
