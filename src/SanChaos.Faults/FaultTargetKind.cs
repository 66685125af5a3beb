namespace SanChaos.Faults;

/// <summary>What sort of lab element a fault touches.</summary>
public enum FaultTargetKind
{
    /// <summary>A node (its processes or its power).</summary>
    Node,

    /// <summary>A switch.</summary>
    Switch,

    /// <summary>One outlet of a PDU.</summary>
    PduOutlet,

    /// <summary>One interface of a node (its cable or link).</summary>
    Interface,

    /// <summary>The null-modem serial cable between the storage nodes.</summary>
    SerialCable,
}
