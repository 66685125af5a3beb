using SanChaos.Inventory.Model;

namespace SanChaos.Labs;

/// <summary>
/// Where a lab's PDUs listen. On hardware this is the inventory's address; the embedded and Vagrant labs run their
/// PDU on 127.0.0.1 and answer with that address (the inventory says <c>address: embedded</c>).
/// </summary>
public interface IPduEndpoints
{
    /// <summary>
    /// The address to reach <paramref name="pdu"/> on: a URL for Redfish (<c>http://127.0.0.1:8123</c>),
    /// <c>host:port</c> for SNMP.
    /// </summary>
    string AddressOf(PduSpec pdu);
}
