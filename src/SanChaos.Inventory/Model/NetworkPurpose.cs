namespace SanChaos.Inventory.Model;

/// <summary>What a network carries.</summary>
public enum NetworkPurpose
{
    /// <summary>Management: SSH from the harness.</summary>
    Management,
    /// <summary>The replication and heartbeat crossover cable between the two storage nodes (eth1).</summary>
    Replication,
    /// <summary>Storage network A (first multipath path).</summary>
    StorageA,
    /// <summary>Storage network B (second multipath path).</summary>
    StorageB,
}
