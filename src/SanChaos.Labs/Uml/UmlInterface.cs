namespace SanChaos.Labs.Uml;

/// <summary>One network interface of a node: a UML vector NIC over a tap attached to a bridge.</summary>
/// <param name="GuestName">Its name inside the node (<c>eth0</c>..<c>eth3</c>); UML calls it <c>vecN</c> and the
/// guest's identity unit renames it by MAC at boot.</param>
/// <param name="Mac">MAC address, <c>xx:xx:xx:xx:xx:xx</c> (stored lower case in the guest).</param>
/// <param name="Bridge">The <see cref="UmlBridge.Name"/> it is cabled to.</param>
/// <param name="Address">IPv4 address with prefix (e.g. <c>10.0.0.1/24</c>), added with a broadcast
/// (<c>brd +</c>); null leaves the interface up without an address.</param>
public sealed record UmlInterface(string GuestName, string Mac, string Bridge, string? Address);
