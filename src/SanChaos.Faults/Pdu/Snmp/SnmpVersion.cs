namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>Community-based SNMP versions the APC driver speaks; the numeric value is the one on the wire.</summary>
public enum SnmpVersion
{
    /// <summary>SNMPv1 (RFC 1157). APC Network Management Cards speak v1 (and v3), not always v2c.</summary>
    V1 = 0,

    /// <summary>SNMPv2c (RFC 1901, RFC 3416): error codes such as notWritable and exception values such as noSuchInstance.</summary>
    V2c = 1,
}
