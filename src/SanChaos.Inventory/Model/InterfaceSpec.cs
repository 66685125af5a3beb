namespace SanChaos.Inventory.Model;

/// <summary>A node's network interface.</summary>
/// <param name="Name">Interface name on the node (eth0...).</param>
/// <param name="Network">Name of the network it is cabled to.</param>
/// <param name="Address">Its address and prefix.</param>
/// <param name="Mac">MAC address; null = the lab chooses (embedded) or whatever the NIC has.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record InterfaceSpec(string Name, string Network, Cidr Address, string? Mac, SourceLocation Location);
