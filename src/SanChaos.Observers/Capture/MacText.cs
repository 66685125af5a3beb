using System.Net.NetworkInformation;

namespace SanChaos.Observers.Capture;

/// <summary>MAC addresses as text the way <c>ip</c> and the inventory write them: lower-case <c>aa:bb:cc:dd:ee:ff</c>.</summary>
internal static class MacText
{
    /// <summary>The broadcast address.</summary>
    public const string Broadcast = "ff:ff:ff:ff:ff:ff";

    /// <summary>Formats <paramref name="mac"/>.</summary>
    public static string Format(PhysicalAddress mac) => Format(mac.GetAddressBytes());

    /// <summary>Formats raw address bytes.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes) switch
    {
        var hex when hex.Length == 12 => string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))),
        var hex => hex,
    };

    /// <summary>Normalises a MAC written with ':' or '-' in any case (<c>52-54-00-01-02-01</c>) to lower-case colon form.</summary>
    public static string Normalize(string mac) => mac.Trim().Replace('-', ':').ToLowerInvariant();
}
