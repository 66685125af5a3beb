namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>Reads consecutive BER TLVs from a buffer; errors name the offset in the whole message.</summary>
internal ref struct BerReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _origin;
    private int _pos;

    /// <summary>Reads <paramref name="data"/>, which starts at <paramref name="origin"/> in the message (for errors).</summary>
    public BerReader(ReadOnlySpan<byte> data, int origin = 0)
    {
        _data = data;
        _origin = origin;
        _pos = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _pos >= _data.Length;

    /// <summary>Offset of the next TLV in the whole message.</summary>
    public readonly int Offset => _origin + _pos;

    /// <summary>Reads one TLV of any tag and returns its content.</summary>
    public ReadOnlySpan<byte> Read(out byte tag, out int contentOffset)
    {
        var at = Offset;
        if (_pos >= _data.Length) throw new BerFormatException($"Expected a value at offset {at}, found the end of the data.");
        tag = _data[_pos++];
        if ((tag & 0x1F) == 0x1F) throw new BerFormatException($"Multi-byte tag 0x{tag:X2} at offset {at} is not used by SNMP.");
        if (_pos >= _data.Length) throw new BerFormatException($"Value 0x{tag:X2} at offset {at} has no length.");
        int length = _data[_pos++];
        if (length == 0x80) throw new BerFormatException($"Value 0x{tag:X2} at offset {at} has an indefinite length, which SNMP forbids.");
        if (length > 0x80)
        {
            var n = length & 0x7F;
            if (n > 4) throw new BerFormatException($"Value 0x{tag:X2} at offset {at} has a {n}-octet length.");
            if (_pos + n > _data.Length) throw new BerFormatException($"Value 0x{tag:X2} at offset {at}: length runs past the end of the data.");
            long l = 0;
            for (var i = 0; i < n; i++) l = (l << 8) | _data[_pos++];
            if (l > int.MaxValue) throw new BerFormatException($"Value 0x{tag:X2} at offset {at} is too long ({l}).");
            length = (int)l;
        }

        if (_pos + length > _data.Length)
            throw new BerFormatException($"Value 0x{tag:X2} at offset {at} claims {length} content octets but only {_data.Length - _pos} remain.");
        contentOffset = Offset;
        var content = _data.Slice(_pos, length);
        _pos += length;
        return content;
    }

    /// <summary>Reads one TLV that must carry <paramref name="expected"/>; <paramref name="what"/> names it in errors.</summary>
    public ReadOnlySpan<byte> Read(byte expected, string what)
    {
        var at = Offset;
        var content = Read(out var tag, out _);
        if (tag != expected) throw new BerFormatException($"Expected {what} (tag 0x{expected:X2}) at offset {at}, found tag 0x{tag:X2}.");
        return content;
    }

    /// <summary>Reads a constructed TLV with tag <paramref name="expected"/> and returns a reader over its content.</summary>
    public BerReader ReadConstructed(byte expected, string what)
    {
        var at = Offset;
        var content = Read(out var tag, out var contentOffset);
        if (tag != expected) throw new BerFormatException($"Expected {what} (tag 0x{expected:X2}) at offset {at}, found tag 0x{tag:X2}.");
        return new BerReader(content, contentOffset);
    }

    /// <summary>Reads a signed INTEGER.</summary>
    public long ReadInteger(string what)
    {
        var at = Offset;
        var content = Read((byte)SnmpType.Integer, what);
        try
        {
            return Ber.DecodeInteger(content);
        }
        catch (BerFormatException e)
        {
            throw new BerFormatException($"{what} at offset {at}: {e.Message}");
        }
    }
}
