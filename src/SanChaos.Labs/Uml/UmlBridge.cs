namespace SanChaos.Labs.Uml;

/// <summary>
/// One Ethernet segment of the embedded lab: a Linux bridge inside the lab's network namespace (STP off,
/// forward delay 0, multicast snooping off, so it behaves like a dumb switch).
/// </summary>
/// <param name="Name">
/// Logical name, referenced by <see cref="UmlInterface.Bridge"/> (e.g. <c>management</c>, <c>replication</c>,
/// <c>storage-a</c>, <c>storage-b</c>). Letters, digits and '-'.
/// </param>
/// <param name="Switch">
/// The inventory switch this bridge stands for (e.g. <c>switch-a</c>); its power is switched through
/// <see cref="IOutletActuator"/> under that name. Null for a segment without a switch (the crossover cable).
/// </param>
public sealed record UmlBridge(string Name, string? Switch = null);
