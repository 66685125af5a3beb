using SanChaos.Faults.Pdu.Redfish;
using SanChaos.Faults.Pdu.Snmp;

namespace SanChaos.Faults.Pdu;

/// <summary>Creates PDU drivers from their options. The drivers themselves are internal; use them as <see cref="IPduDriver"/>.</summary>
public static class PduDrivers
{
    /// <summary>A driver for a PDU that speaks DMTF Redfish (PowerEquipment/RackPDUs/{id}/Outlets).</summary>
    /// <param name="options">Base URL, PDU id, credentials, timeout; see <see cref="RedfishPduOptions"/>.</param>
    public static IPduDriver CreateRedfish(RedfishPduOptions options) => new RedfishPduDriver(options);

    /// <summary>A driver for an APC switched PDU over SNMP v1/v2c (PowerNet-MIB).</summary>
    /// <param name="options">Address, communities, OID family, timeout and retries; see <see cref="ApcSnmpPduOptions"/>.</param>
    public static IPduDriver CreateApcSnmp(ApcSnmpPduOptions options) => new ApcSnmpPduDriver(options);
}
