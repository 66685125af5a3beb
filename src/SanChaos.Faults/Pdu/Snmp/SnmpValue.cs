using System.Globalization;
using System.Text;

namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>The value of a varbind: its BER tag and content octets, with typed factories and accessors.</summary>
internal sealed class SnmpValue : IEquatable<SnmpValue>
{
    private readonly byte[] _content;

    /// <summary>A value of type <paramref name="type"/> with raw content octets.</summary>
    public SnmpValue(SnmpType type, ReadOnlySpan<byte> content)
    {
        Type = type;
        _content = content.ToArray();
    }

    /// <summary>The BER tag.</summary>
    public SnmpType Type { get; }

    /// <summary>The content octets.</summary>
    public ReadOnlySpan<byte> Content => _content;

    /// <summary>NULL, the value of each varbind in a Get/GetNext request.</summary>
    public static SnmpValue Null { get; } = new(SnmpType.Null, []);

    /// <summary>An INTEGER.</summary>
    public static SnmpValue Integer(long value) => new(SnmpType.Integer, Ber.IntegerContent(value));

    /// <summary>An OCTET STRING holding <paramref name="text"/> in UTF-8.</summary>
    public static SnmpValue OctetString(string text) => new(SnmpType.OctetString, Encoding.UTF8.GetBytes(text));

    /// <summary>An OBJECT IDENTIFIER.</summary>
    public static SnmpValue ObjectId(Oid oid) => new(SnmpType.ObjectIdentifier, Ber.OidContent(oid));

    /// <summary>True for the v2c exception values noSuchObject, noSuchInstance and endOfMibView.</summary>
    public bool IsException => Type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView;

    /// <summary>The value as a number: INTEGER (signed) or Counter32/Gauge32/TimeTicks/Counter64 (unsigned).</summary>
    public long AsInt64() => Type switch
    {
        SnmpType.Integer => Ber.DecodeInteger(_content),
        SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks => (long)Ber.DecodeUnsigned(_content, 32),
        SnmpType.Counter64 => checked((long)Ber.DecodeUnsigned(_content, 64)),
        _ => throw new InvalidOperationException($"{TypeName} is not a number."),
    };

    /// <summary>The value as an OID (OBJECT IDENTIFIER only).</summary>
    public Oid AsOid() => Type == SnmpType.ObjectIdentifier ? Ber.DecodeOid(_content) : throw new InvalidOperationException($"{TypeName} is not an OID.");

    /// <summary>The SMI name of the type, for messages: <c>INTEGER</c>, <c>OCTET STRING</c>, <c>noSuchInstance</c>.</summary>
    public string TypeName => Type switch
    {
        SnmpType.Integer => "INTEGER",
        SnmpType.OctetString => "OCTET STRING",
        SnmpType.Null => "NULL",
        SnmpType.ObjectIdentifier => "OBJECT IDENTIFIER",
        SnmpType.IpAddress => "IpAddress",
        SnmpType.Counter32 => "Counter32",
        SnmpType.Gauge32 => "Gauge32",
        SnmpType.TimeTicks => "TimeTicks",
        SnmpType.Opaque => "Opaque",
        SnmpType.Counter64 => "Counter64",
        SnmpType.NoSuchObject => "noSuchObject",
        SnmpType.NoSuchInstance => "noSuchInstance",
        SnmpType.EndOfMibView => "endOfMibView",
        _ => $"tag 0x{(byte)Type:X2}",
    };

    /// <summary>The value as <c>snmpget</c> would show it, for messages.</summary>
    public override string ToString()
    {
        try
        {
            return Type switch
            {
                SnmpType.Integer or SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64 =>
                    $"{TypeName}: {AsInt64().ToString(CultureInfo.InvariantCulture)}",
                SnmpType.OctetString => $"OCTET STRING: \"{Encoding.UTF8.GetString(_content)}\"",
                SnmpType.ObjectIdentifier => $"OID: {AsOid()}",
                SnmpType.Null or SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView => TypeName,
                _ => $"{TypeName}: {Convert.ToHexString(_content)}",
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return $"{TypeName} (malformed): {Convert.ToHexString(_content)}";
        }
    }

    /// <inheritdoc />
    public bool Equals(SnmpValue? other) => other is not null && Type == other.Type && _content.AsSpan().SequenceEqual(other._content);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SnmpValue v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Type);
        h.AddBytes(_content);
        return h.ToHashCode();
    }
}
