namespace SanChaos.Inventory.Model;

/// <summary>The protocol a PDU speaks.</summary>
public enum PduDriverKind
{
    /// <summary>DMTF Redfish PowerDistribution (HTTP + JSON).</summary>
    Redfish,
    /// <summary>APC PowerNet-MIB over SNMP (v1/v2c).</summary>
    ApcSnmp,
}
