using System.Text;

namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>
/// An SNMP v1 or v2c message (RFC 1157, RFC 1901/3416): version, community and one PDU. <see cref="Encode"/> and
/// <see cref="Decode"/> are exact inverses for the PDUs SNMP v1/v2c managers use.
/// </summary>
/// <param name="Version">0 for v1, 1 for v2c (the wire value).</param>
/// <param name="Community">The community string.</param>
/// <param name="PduType">Which PDU.</param>
/// <param name="RequestId">Matches a response to its request.</param>
/// <param name="ErrorStatus">Error-status (0 in requests).</param>
/// <param name="ErrorIndex">1-based index of the failing varbind (0 in requests).</param>
/// <param name="VarBinds">The variable bindings.</param>
internal sealed record SnmpMessage(
    SnmpVersion Version,
    string Community,
    SnmpPduType PduType,
    int RequestId,
    SnmpErrorStatus ErrorStatus,
    int ErrorIndex,
    IReadOnlyList<VarBind> VarBinds)
{
    /// <summary>A request (error-status and error-index zero).</summary>
    public static SnmpMessage Request(SnmpVersion version, string community, SnmpPduType type, int requestId, params VarBind[] varBinds) =>
        new(version, community, type, requestId, SnmpErrorStatus.NoError, 0, varBinds);

    /// <summary>Encodes the message as BER.</summary>
    public byte[] Encode()
    {
        var binds = VarBinds.Select(vb => Ber.Constructed(
            (byte)SnmpType.Sequence,
            Ber.Tlv((byte)SnmpType.ObjectIdentifier, Ber.OidContent(vb.Oid)),
            Ber.Tlv((byte)vb.Value.Type, vb.Value.Content))).ToArray();
        var pdu = Ber.Constructed(
            (byte)PduType,
            Ber.Tlv((byte)SnmpType.Integer, Ber.IntegerContent(RequestId)),
            Ber.Tlv((byte)SnmpType.Integer, Ber.IntegerContent((long)ErrorStatus)),
            Ber.Tlv((byte)SnmpType.Integer, Ber.IntegerContent(ErrorIndex)),
            Ber.Constructed((byte)SnmpType.Sequence, binds));
        return Ber.Constructed(
            (byte)SnmpType.Sequence,
            Ber.Tlv((byte)SnmpType.Integer, Ber.IntegerContent((long)Version)),
            Ber.Tlv((byte)SnmpType.OctetString, Encoding.UTF8.GetBytes(Community)),
            pdu);
    }

    /// <summary>Decodes a message; throws <see cref="BerFormatException"/> naming the offset when it is not one.</summary>
    public static SnmpMessage Decode(ReadOnlySpan<byte> data)
    {
        var outer = new BerReader(data);
        var msg = outer.ReadConstructed((byte)SnmpType.Sequence, "the SNMP message SEQUENCE");
        if (!outer.AtEnd) throw new BerFormatException($"{data.Length - outer.Offset} stray bytes after the SNMP message.");

        var versionAt = msg.Offset;
        var version = msg.ReadInteger("the version");
        if (version is not (0 or 1))
            throw new BerFormatException($"Version {version} at offset {versionAt} is neither SNMP v1 (0) nor v2c (1).");
        var community = Encoding.UTF8.GetString(msg.Read((byte)SnmpType.OctetString, "the community OCTET STRING"));

        var pduAt = msg.Offset;
        var pduContent = msg.Read(out var pduTag, out var pduContentOffset);
        if (pduTag is < (byte)SnmpPduType.GetRequest or > (byte)SnmpPduType.SetRequest)
            throw new BerFormatException($"PDU tag 0x{pduTag:X2} at offset {pduAt} is not Get, GetNext, Response or Set.");
        if (!msg.AtEnd) throw new BerFormatException($"Stray bytes at offset {msg.Offset} after the PDU.");

        var pdu = new BerReader(pduContent, pduContentOffset);
        var requestId = pdu.ReadInteger("the request-id");
        var errorStatus = pdu.ReadInteger("the error-status");
        var errorIndex = pdu.ReadInteger("the error-index");
        var list = pdu.ReadConstructed((byte)SnmpType.Sequence, "the varbind list SEQUENCE");
        var binds = new List<VarBind>();
        while (!list.AtEnd)
        {
            var vb = list.ReadConstructed((byte)SnmpType.Sequence, "a varbind SEQUENCE");
            var oidAt = vb.Offset;
            Oid oid;
            try
            {
                oid = Ber.DecodeOid(vb.Read((byte)SnmpType.ObjectIdentifier, "the varbind OID"));
            }
            catch (ArgumentException e)
            {
                throw new BerFormatException($"Invalid OID at offset {oidAt}: {e.Message}");
            }

            var value = vb.Read(out var valueTag, out _);
            if (!vb.AtEnd) throw new BerFormatException($"Stray bytes at offset {vb.Offset} in a varbind.");
            binds.Add(new VarBind(oid, new SnmpValue((SnmpType)valueTag, value)));
        }

        if (!pdu.AtEnd) throw new BerFormatException($"Stray bytes at offset {pdu.Offset} after the varbind list.");
        if (requestId is < int.MinValue or > int.MaxValue || errorIndex is < 0 or > int.MaxValue)
            throw new BerFormatException($"Request-id {requestId} or error-index {errorIndex} is out of range.");
        return new SnmpMessage(
            (SnmpVersion)version,
            community,
            (SnmpPduType)pduTag,
            (int)requestId,
            (SnmpErrorStatus)errorStatus,
            (int)errorIndex,
            binds);
    }
}
