using SanChaos.Inventory.Model;

namespace SanChaos.Labs.State;

/// <summary>An IPv4 address configured on an interface (one line of <c>ip -o -4 addr show</c>).</summary>
/// <param name="Interface">Interface name.</param>
/// <param name="Address">Address and prefix.</param>
public sealed record InterfaceAddress(string Interface, Cidr Address);
