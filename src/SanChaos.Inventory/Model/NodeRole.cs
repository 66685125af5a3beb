namespace SanChaos.Inventory.Model;

/// <summary>The part a node plays in the SAN.</summary>
public enum NodeRole
{
    /// <summary>A storage node (otter, weasel): DRBD, Heartbeat, the iSCSI target.</summary>
    Storage,
    /// <summary>A client (badger): open-iscsi and dm-multipath.</summary>
    Client,
}
