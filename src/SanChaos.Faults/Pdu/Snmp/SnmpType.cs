namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>BER tags of the SNMP value types (RFC 1155, RFC 2578, RFC 3416 exception values).</summary>
internal enum SnmpType : byte
{
    /// <summary>INTEGER.</summary>
    Integer = 0x02,

    /// <summary>OCTET STRING.</summary>
    OctetString = 0x04,

    /// <summary>NULL (the value of every varbind in a GetRequest).</summary>
    Null = 0x05,

    /// <summary>OBJECT IDENTIFIER.</summary>
    ObjectIdentifier = 0x06,

    /// <summary>SEQUENCE (constructed).</summary>
    Sequence = 0x30,

    /// <summary>IpAddress (application 0).</summary>
    IpAddress = 0x40,

    /// <summary>Counter32 (application 1).</summary>
    Counter32 = 0x41,

    /// <summary>Gauge32 / Unsigned32 (application 2).</summary>
    Gauge32 = 0x42,

    /// <summary>TimeTicks (application 3).</summary>
    TimeTicks = 0x43,

    /// <summary>Opaque (application 4).</summary>
    Opaque = 0x44,

    /// <summary>Counter64 (application 6, v2c only).</summary>
    Counter64 = 0x46,

    /// <summary>v2c exception: the agent implements no such object type.</summary>
    NoSuchObject = 0x80,

    /// <summary>v2c exception: the object type exists but not this instance.</summary>
    NoSuchInstance = 0x81,

    /// <summary>v2c exception: a GetNext walked past the end of the MIB view.</summary>
    EndOfMibView = 0x82,
}
