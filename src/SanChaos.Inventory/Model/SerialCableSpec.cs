namespace SanChaos.Inventory.Model;

/// <summary>The null-modem serial cable between the two storage nodes (Heartbeat's second path).</summary>
/// <param name="Ends">The two node names it joins; each node's device is <see cref="NodeSpec.SerialPort"/>.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record SerialCableSpec(IReadOnlyList<string> Ends, SourceLocation Location);
