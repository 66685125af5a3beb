using System.Net;

namespace SanChaos.Observers.Capture;

/// <summary>One gratuitous ARP: <paramref name="Mac"/> (of <paramref name="Node"/>) announced <paramref name="Ip"/> on <paramref name="Network"/>.</summary>
/// <param name="Time">Capture time.</param>
/// <param name="Network">The network it was seen on.</param>
/// <param name="Ip">The announced address (the ARP sender IP).</param>
/// <param name="Mac">The announcing MAC (the ARP sender hardware address).</param>
/// <param name="Node">The node owning that MAC (<see cref="MacDirectory"/>), or null when unknown.</param>
/// <param name="Form"><c>request</c> or <c>reply</c>.</param>
public sealed record ArpClaim(DateTimeOffset Time, string Network, IPAddress Ip, string Mac, string? Node, string Form)
{
    /// <inheritdoc />
    public override string ToString() => $"{Time:HH:mm:ss.ffffff} {Network}: {Ip} claimed by {Node ?? "unknown"} ({Mac}, gratuitous {Form})";
}
