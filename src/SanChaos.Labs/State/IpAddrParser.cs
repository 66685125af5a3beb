using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Parses <c>ip -o -4 addr show</c> (one address per line).</summary>
public static class IpAddrParser
{
    /// <summary>Every address found.</summary>
    public static IReadOnlyList<InterfaceAddress> Parse(string text, CommandCatalog? catalog = null)
    {
        var p = (catalog ?? CommandCatalog.Default).Pattern("ip_addr");
        var list = new List<InterfaceAddress>();
        foreach (var line in OutputLines.Of(text))
            if (p.Match(line) is { Success: true } m && Cidr.TryParse(m.Groups["cidr"].Value, out var cidr))
                list.Add(new InterfaceAddress(m.Groups["interface"].Value, cidr));
        return list;
    }
}
