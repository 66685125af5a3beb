namespace SanChaos.Labs.Uml;

/// <summary>
/// The null-modem cable between two nodes, carried by a <see cref="Serial.SerialRelay"/> on the host. Each node's
/// UML serial line <see cref="GuestLine"/> is attached to its end of the relay (<c>ssl1=tty:/dev/pts/N</c>), so the
/// guest sees it as <c>/dev/ttyS1</c> with the default line.
/// </summary>
/// <param name="NodeA">The node on end A.</param>
/// <param name="NodeB">The node on end B.</param>
/// <param name="GuestLine">UML serial line number on both nodes: the guest device is <c>/dev/ttyS{GuestLine}</c>.
/// Default 1 (<c>/dev/ttyS1</c>). It is the only serial line the guests have (<c>ssl=none</c>).</param>
/// <param name="Baud">The line's speed, as ha.cf's <c>baud</c> sets it on both nodes; the relay carries bytes at that
/// pace (UML itself ignores baud settings). Default 19200, Heartbeat's own default.</param>
public sealed record UmlSerialCable(string NodeA, string NodeB, int GuestLine = 1, int Baud = Serial.SerialRelayOptions.DefaultBaud)
{
    /// <summary>The serial device inside the nodes, e.g. <c>/dev/ttyS1</c>.</summary>
    public string GuestDevice => $"/dev/ttyS{GuestLine}";
}
