using SanChaos.Config.Parsing;

namespace SanChaos.Config.Network;

/// <summary>
/// <c>sysctl</c> output for <c>net.ipv4.conf.*.arp_filter</c>. The kernel filters ARP on an interface when either
/// <c>all</c> or the interface's own setting is 1.
/// </summary>
/// <param name="File">The file.</param>
/// <param name="ByInterface">Setting by interface name, including <c>all</c> and <c>default</c>.</param>
public sealed record ArpFilterSysctl(ConfigFile File, IReadOnlyDictionary<string, ConfigEntry> ByInterface)
{
    /// <summary>The real interfaces (not all, default, lo).</summary>
    public IReadOnlyList<string> Interfaces => ByInterface.Keys.Where(k => k is not ("all" or "default" or "lo")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>True when the kernel filters ARP on <paramref name="iface"/> (all or the interface set to 1).</summary>
    public bool Effective(string iface) => IsOn("all") || IsOn(iface);

    private bool IsOn(string key) => ByInterface.TryGetValue(key, out var e) && e.Value == "1";

    /// <summary>Reads <c>net.ipv4.conf.IF.arp_filter = N</c> lines.</summary>
    public static ArpFilterSysctl Parse(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var map = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        foreach (var e in KeyValueLines.Parse(file, diagnostics, "'net.ipv4.conf.<interface>.arp_filter = 0|1' as sysctl prints it"))
        {
            var parts = e.Key.Split('.');
            if (parts.Length == 5 && parts[0] == "net" && parts[1] == "ipv4" && parts[2] == "conf" && parts[4] == "arp_filter")
                map[parts[3]] = e;
            else
                diagnostics.Add(new ConfigDiagnostic(e.Location, Severity.Warning, $"'{e.Key}' is not an arp_filter setting", "net.ipv4.conf.<interface>.arp_filter"));
        }

        return new ArpFilterSysctl(file, map);
    }
}
