namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>BER tags of the SNMP PDUs the driver uses (context-specific, constructed).</summary>
internal enum SnmpPduType : byte
{
    /// <summary>GetRequest-PDU.</summary>
    GetRequest = 0xA0,

    /// <summary>GetNextRequest-PDU.</summary>
    GetNextRequest = 0xA1,

    /// <summary>GetResponse-PDU (v1) / Response-PDU (v2c).</summary>
    GetResponse = 0xA2,

    /// <summary>SetRequest-PDU.</summary>
    SetRequest = 0xA3,
}
