namespace SanChaos.Config.Lint.Rules;

/// <summary><c>lvm.filter</c>: LVM must see the volume group on the DRBD device only, never on DRBD's backing disk.</summary>
internal sealed class LvmFilterRule() : ConfigRule("lvm.filter", "the LVM filter hides DRBD's backing disk and accepts the DRBD device")
{
    /// <summary>
    /// Names udev gives any block device besides its kernel name. lvm.conf(5): a device is used when any of its names is
    /// accepted, rejected when every name that matches a pattern is rejected; names that match no pattern do not count.
    /// </summary>
    private static readonly string[] Aliases = ["/dev/disk/by-id/wwn-0x5000c500a0b1c2d3", "/dev/disk/by-path/pci-0000:00:1f.2-ata-1", "/dev/block/9:3"];

    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var n in context.Config.StorageNodes)
        {
            if (n.Lvm is not { } lvm || n.DrbdResource?.Host(n.Name) is not { Disk: { } disk } host) continue;
            var backing = disk.Value;
            var at = lvm.Filters.LastOrDefault()?.Entry.Location ?? lvm.Files[0].At();
            const string why = "On the primary LVM then finds the volume group twice, on the DRBD device and on the disk under it; if it activates the one on the " +
                               "backing disk, writes bypass DRBD and never reach the standby (and a standby that activates it corrupts the replica).";
            var fix = $"In lvm.conf's devices section accept the DRBD device and reject everything else: `filter = [ \"a|^/dev/drbd[0-9]+$|\", \"r|.*|\" ]` " +
                      $"(or, to keep a root volume group, reject {backing} and the /dev/disk/ and /dev/block/ aliases before accepting the rest).";
            if (!lvm.Filters.Any())
                yield return Found(Severity.Error, lvm.Files[0].At(), $"no devices/filter or global_filter: LVM scans {backing}, DRBD's backing disk", why, fix);
            else if (lvm.Accepts([backing]))
                yield return Found(Severity.Error, at, $"the LVM filter accepts {backing}, DRBD's backing disk", why, fix);
            else if (lvm.Accepts([backing, .. Aliases]))
                yield return Found(Severity.Error, at, $"the LVM filter rejects {backing} by its kernel name but accepts its udev aliases (/dev/disk/by-id/..., /dev/block/MAJ:MIN)",
                    "LVM uses a device when any of its names is accepted (lvm.conf(5)): it finds the volume group on the backing disk under another name. " + why, fix);
            if (host.Device is { } dev && dev.Values.Count > 0 && !lvm.Accepts([dev.Values[0]]))
                yield return Found(Severity.Error, at, $"the LVM filter rejects {dev.Values[0]}, the DRBD device",
                    "The volume group is not found on the primary: Heartbeat's LVM resource fails and the takeover stops there.",
                    "Accept the DRBD device first: \"a|^/dev/drbd[0-9]+$|\".", Drills.KillPrimary);
        }
    }
}
