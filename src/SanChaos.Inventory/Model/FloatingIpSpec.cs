namespace SanChaos.Inventory.Model;

/// <summary>A floating (service) IP that Heartbeat moves with the resource group.</summary>
/// <param name="Address">Address and prefix (<c>192.168.1.1/24</c>).</param>
/// <param name="Network">The storage network it lives on.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record FloatingIpSpec(Cidr Address, string Network, SourceLocation Location);
