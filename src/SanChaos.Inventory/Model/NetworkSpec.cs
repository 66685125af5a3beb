namespace SanChaos.Inventory.Model;

/// <summary>A network of the lab.</summary>
/// <param name="Name">Inventory name (management, replication, storage-a, storage-b).</param>
/// <param name="Purpose">What it carries.</param>
/// <param name="Subnet">Its prefix.</param>
/// <param name="Switch">The switch it hangs on; null for the crossover cable.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record NetworkSpec(string Name, NetworkPurpose Purpose, Cidr Subnet, string? Switch, SourceLocation Location);
