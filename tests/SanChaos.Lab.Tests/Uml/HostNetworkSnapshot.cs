using Xunit;
using SanChaos.Labs.Remote;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>The host's own (root) network namespace as <c>ip</c> shows it: IPv4 addresses, IPv4 routes, link names.</summary>
internal sealed record HostNetworkSnapshot(IReadOnlyList<string> Addresses, IReadOnlyList<string> Routes, IReadOnlyList<string> Links)
{
    public static async Task<HostNetworkSnapshot> TakeAsync(CancellationToken ct)
    {
        var addr = await HostCommand.RunCheckedAsync(["ip", "-4", "-o", "addr", "show"], ct: ct);
        var route = await HostCommand.RunCheckedAsync(["ip", "-4", "route", "show", "table", "all"], ct: ct);
        var link = await HostCommand.RunCheckedAsync(["ip", "-o", "link", "show"], ct: ct);
        return new HostNetworkSnapshot(
            Lines(addr.StandardOutput).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))).ToArray(),
            Lines(route.StandardOutput),
            Lines(link.StandardOutput).Select(l => l.Split(':')[1].Trim().Split('@')[0]).ToArray());
    }

    /// <summary>Lines of <paramref name="now"/> that <paramref name="before"/> did not have, per kind.</summary>
    public static IReadOnlyList<string> Gained(HostNetworkSnapshot before, HostNetworkSnapshot now) =>
        now.Addresses.Except(before.Addresses).Select(a => "address: " + a)
            .Concat(now.Routes.Except(before.Routes).Select(r => "route: " + r))
            .Concat(now.Links.Except(before.Links).Select(l => "link: " + l))
            .ToArray();

    /// <summary>Addresses and routes in the lab's ranges (10/8, 172.16/12, 192.168/16).</summary>
    public IReadOnlyList<string> LabRanges() =>
        Addresses.Concat(Routes).Where(l => l.Split(' ').Any(IsLabRange)).ToArray();

    private static bool IsLabRange(string token)
    {
        var ip = token.Split('/')[0];
        if (!System.Net.IPAddress.TryParse(ip, out var a) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        var b = a.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168);
    }

    private static string[] Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
