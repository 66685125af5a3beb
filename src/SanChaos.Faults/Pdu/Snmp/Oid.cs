using System.Globalization;

namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>An SNMP object identifier (<c>1.3.6.1.2.1.1.1.0</c>): a value with equality and MIB (lexicographic) order.</summary>
internal sealed class Oid : IEquatable<Oid>, IComparable<Oid>
{
    private readonly uint[] _ids;

    /// <summary>Creates an OID from its sub-identifiers (at least two; the first 0, 1 or 2).</summary>
    public Oid(params uint[] ids)
    {
        if (ids.Length < 2) throw new ArgumentException("An OID has at least two sub-identifiers.", nameof(ids));
        if (ids[0] > 2) throw new ArgumentException($"The first sub-identifier of an OID is 0, 1 or 2, not {ids[0]}.", nameof(ids));
        if (ids[0] < 2 && ids[1] >= 40)
            throw new ArgumentException($"Under arc {ids[0]} the second sub-identifier is below 40, not {ids[1]}.", nameof(ids));
        _ids = (uint[])ids.Clone();
    }

    /// <summary>The sub-identifiers.</summary>
    public ReadOnlySpan<uint> Ids => _ids;

    /// <summary>Number of sub-identifiers.</summary>
    public int Length => _ids.Length;

    /// <summary>The last sub-identifier (the instance index of a table column entry).</summary>
    public uint Last => _ids[^1];

    /// <summary>Parses dotted text, with or without a leading dot.</summary>
    public static Oid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith('.')) t = t[1..];
        var parts = t.Split('.');
        var ids = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
                throw new FormatException($"'{text}' is not an OID: '{parts[i]}' is not a number from 0 to 4294967295.");
        }

        return new Oid(ids);
    }

    /// <summary>This OID followed by <paramref name="more"/>.</summary>
    public Oid Append(params uint[] more) => new([.. _ids, .. more]);

    /// <summary>True when this OID is <paramref name="prefix"/> or lies below it.</summary>
    public bool StartsWith(Oid prefix) => prefix._ids.Length <= _ids.Length && _ids.AsSpan(0, prefix._ids.Length).SequenceEqual(prefix._ids);

    /// <inheritdoc />
    public bool Equals(Oid? other) => other is not null && _ids.AsSpan().SequenceEqual(other._ids);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Oid o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var id in _ids) h.Add(id);
        return h.ToHashCode();
    }

    /// <summary>MIB order: sub-identifier by sub-identifier, a prefix before what lies below it.</summary>
    public int CompareTo(Oid? other)
    {
        if (other is null) return 1;
        return _ids.AsSpan().SequenceCompareTo(other._ids);
    }

    /// <summary>Dotted form without a leading dot.</summary>
    public override string ToString() => string.Join('.', _ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
