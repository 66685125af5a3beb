namespace SanChaos.Inventory.Model;

/// <summary>The null-modem serial cable between the two storage nodes (Heartbeat's second path).</summary>
/// <param name="Ends">The two node names it joins; each node's device is <see cref="NodeSpec.SerialPort"/>.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record SerialCableSpec(IReadOnlyList<string> Ends, SourceLocation Location)
{
    /// <summary>
    /// The device name a PDU outlet gives to feed the relay the serial cable runs through (<c>outlets: { 7: serial }</c>):
    /// outlet on = the relay closes and the cable passes bytes; outlet off = the cable is pulled. On a rack this is a
    /// relay module in the null-modem line powered from that outlet; the embedded lab's PDU drives its own relay.
    /// </summary>
    public const string RelayDevice = "serial";
}
