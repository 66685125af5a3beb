namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>
/// The subset of BER (X.690) that SNMP v1/v2c uses: definite lengths, primitive INTEGER, OCTET STRING, NULL,
/// OBJECT IDENTIFIER, SNMP application types, and constructed SEQUENCE / PDU tags. Encoding is minimal (DER-like),
/// as agents expect; decoding accepts any definite length form.
/// </summary>
internal static class Ber
{
    /// <summary>Encodes tag, length and content.</summary>
    public static byte[] Tlv(byte tag, ReadOnlySpan<byte> content)
    {
        var len = EncodeLength(content.Length);
        var result = new byte[1 + len.Length + content.Length];
        result[0] = tag;
        len.CopyTo(result, 1);
        content.CopyTo(result.AsSpan(1 + len.Length));
        return result;
    }

    /// <summary>Encodes a constructed value whose content is the concatenation of <paramref name="children"/>.</summary>
    public static byte[] Constructed(byte tag, params byte[][] children)
    {
        var content = new byte[children.Sum(c => c.Length)];
        var at = 0;
        foreach (var c in children)
        {
            c.CopyTo(content, at);
            at += c.Length;
        }

        return Tlv(tag, content);
    }

    /// <summary>Definite length: short form below 128, otherwise 0x80|n followed by n big-endian bytes.</summary>
    public static byte[] EncodeLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < 0x80) return [(byte)length];
        var n = length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : length <= 0xFFFFFF ? 3 : 4;
        var result = new byte[1 + n];
        result[0] = (byte)(0x80 | n);
        for (var i = 0; i < n; i++) result[n - i] = (byte)(length >> (8 * i));
        return result;
    }

    /// <summary>Content octets of a signed INTEGER: minimal two's complement, big-endian.</summary>
    public static byte[] IntegerContent(long value)
    {
        var bytes = new byte[8];
        for (var i = 0; i < 8; i++) bytes[7 - i] = (byte)(value >> (8 * i));
        var start = 0;
        // Drop a leading byte while it only repeats the sign of the next one.
        while (start < 7 && ((bytes[start] == 0x00 && (bytes[start + 1] & 0x80) == 0) || (bytes[start] == 0xFF && (bytes[start + 1] & 0x80) != 0)))
            start++;
        return bytes[start..];
    }

    /// <summary>Content octets of an unsigned application value (Counter32, Gauge32, TimeTicks, Counter64).</summary>
    public static byte[] UnsignedContent(ulong value)
    {
        var bytes = new byte[9];
        for (var i = 0; i < 8; i++) bytes[8 - i] = (byte)(value >> (8 * i));
        var start = 0;
        while (start < 8 && bytes[start] == 0 && (bytes[start + 1] & 0x80) == 0) start++;
        return bytes[start..];
    }

    /// <summary>Content octets of an OBJECT IDENTIFIER: first two arcs as 40*a+b, each sub-identifier base 128.</summary>
    public static byte[] OidContent(Oid oid)
    {
        var ids = oid.Ids;
        var result = new List<byte>(ids.Length + 4);
        AppendBase128(result, (ulong)ids[0] * 40 + ids[1]);
        for (var i = 2; i < ids.Length; i++) AppendBase128(result, ids[i]);
        return [.. result];
    }

    private static void AppendBase128(List<byte> to, ulong value)
    {
        Span<byte> tmp = stackalloc byte[10];
        var n = 0;
        do
        {
            tmp[n++] = (byte)(value & 0x7F);
            value >>= 7;
        }
        while (value != 0);
        for (var i = n - 1; i >= 0; i--) to.Add((byte)(tmp[i] | (i > 0 ? 0x80 : 0)));
    }

    /// <summary>Decodes the content of a signed INTEGER (1 to 8 octets).</summary>
    public static long DecodeInteger(ReadOnlySpan<byte> content)
    {
        if (content.Length is < 1 or > 8)
            throw new BerFormatException($"An INTEGER has 1 to 8 content octets here, not {content.Length}.");
        long v = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++) v = (v << 8) | content[i];
        return v;
    }

    /// <summary>Decodes the content of an unsigned application value of at most <paramref name="bits"/> bits.</summary>
    public static ulong DecodeUnsigned(ReadOnlySpan<byte> content, int bits)
    {
        if (content.Length < 1) throw new BerFormatException("An unsigned value has at least one content octet.");
        var c = content;
        while (c.Length > 1 && c[0] == 0) c = c[1..];
        if (c.Length > bits / 8) throw new BerFormatException($"An unsigned value does not fit in {bits} bits ({content.Length} octets).");
        ulong v = 0;
        foreach (var b in c) v = (v << 8) | b;
        return v;
    }

    /// <summary>Decodes the content of an OBJECT IDENTIFIER.</summary>
    public static Oid DecodeOid(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0) throw new BerFormatException("An OBJECT IDENTIFIER has at least one content octet.");
        var ids = new List<uint>(content.Length + 1);
        ulong acc = 0;
        var inSub = false;
        foreach (var b in content)
        {
            if (!inSub && b == 0x80) throw new BerFormatException("An OID sub-identifier starts with a padding octet 0x80.");
            acc = (acc << 7) | (uint)(b & 0x7F);
            if (acc > uint.MaxValue + 80UL) throw new BerFormatException("An OID sub-identifier exceeds 32 bits.");
            inSub = (b & 0x80) != 0;
            if (inSub) continue;
            if (ids.Count == 0)
            {
                var first = acc < 40 ? 0u : acc < 80 ? 1u : 2u;
                ids.Add(first);
                if (acc - 40UL * first > uint.MaxValue) throw new BerFormatException("An OID sub-identifier exceeds 32 bits.");
                ids.Add((uint)(acc - 40UL * first));
            }
            else
            {
                if (acc > uint.MaxValue) throw new BerFormatException("An OID sub-identifier exceeds 32 bits.");
                ids.Add((uint)acc);
            }

            acc = 0;
        }

        if (inSub) throw new BerFormatException("An OID ends in the middle of a sub-identifier.");
        return new Oid([.. ids]);
    }
}
