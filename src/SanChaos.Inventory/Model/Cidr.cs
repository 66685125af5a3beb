using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace SanChaos.Inventory.Model;

/// <summary>An IPv4 address with its prefix length, as written in the inventory: <c>192.168.1.2/24</c>.</summary>
/// <param name="Address">The address.</param>
/// <param name="PrefixLength">The prefix length (0–32).</param>
public sealed record Cidr(IPAddress Address, int PrefixLength)
{
    /// <summary>Parses <c>a.b.c.d/n</c>; returns false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Cidr? cidr)
    {
        cidr = null;
        if (text is null) return false;
        var slash = text.IndexOf('/');
        if (slash < 0) return false;
        if (!IPAddress.TryParse(text[..slash], out var ip) || ip.AddressFamily != AddressFamily.InterNetwork) return false;
        if (!int.TryParse(text[(slash + 1)..], out var prefix) || prefix is < 0 or > 32) return false;
        cidr = new Cidr(ip, prefix);
        return true;
    }

    /// <summary>The network this address belongs to (host bits cleared).</summary>
    public Cidr Network => new(new IPAddress(ToBytes(ToUInt(Address) & Mask)), PrefixLength);

    /// <summary>True when <paramref name="ip"/> lies in this prefix.</summary>
    public bool Contains(IPAddress ip) =>
        ip.AddressFamily == AddressFamily.InterNetwork && (ToUInt(ip) & Mask) == (ToUInt(Address) & Mask);

    /// <summary>The netmask as a number.</summary>
    private uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{PrefixLength}";

    private static uint ToUInt(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static byte[] ToBytes(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
}
