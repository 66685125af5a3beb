using System.Globalization;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Parses <c>/proc/drbd</c> as drbd 8.4 writes it (patterns <c>proc_drbd_*</c> in commands.yaml).</summary>
public static class ProcDrbdParser
{
    /// <summary>Parses the text; unknown lines are ignored.</summary>
    /// <param name="text">Output of <c>cat /proc/drbd</c>.</param>
    /// <param name="catalog">Pattern source; default <see cref="CommandCatalog.Default"/>.</param>
    public static ProcDrbd Parse(string text, CommandCatalog? catalog = null)
    {
        catalog ??= CommandCatalog.Default;
        var version = catalog.Pattern("proc_drbd_version");
        var device = catalog.Pattern("proc_drbd_device");
        var sync = catalog.Pattern("proc_drbd_sync");
        string? v = null;
        var devices = new List<DrbdDeviceStatus>();
        foreach (var line in OutputLines.Of(text))
        {
            if (version.Match(line) is { Success: true } vm) { v = vm.Groups["version"].Value; continue; }
            if (device.Match(line) is { Success: true } m)
            {
                string? G(string n) => m.Groups[n].Success ? m.Groups[n].Value : null;
                devices.Add(new DrbdDeviceStatus(int.Parse(m.Groups["minor"].Value, CultureInfo.InvariantCulture), m.Groups["cs"].Value,
                    G("role"), G("peer_role"), G("disk"), G("peer_disk"), G("protocol")?[0], G("flags"), null));
                continue;
            }

            if (sync.Match(line) is { Success: true } sm && devices.Count > 0)
                devices[^1] = devices[^1] with { SyncPercent = double.Parse(sm.Groups["percent"].Value, CultureInfo.InvariantCulture) };
        }

        return new ProcDrbd(v, devices);
    }
}
