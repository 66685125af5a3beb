using SanChaos.Inventory.Model;

namespace SanChaos.Config.Sources;

/// <summary>
/// The configuration layout, as data (STYLE.md 8): a folder per node, named after the node, holding the files under
/// their usual names and the output of a few commands. The folder loader reads it, the live collector fills it.
/// Versions these commands were written for: open-iscsi 2.1, multipath-tools 0.9, procps sysctl, Linux 6.1 LIO configfs, tgt 1.0.85.
/// </summary>
public static class ConfigLayout
{
    /// <summary>The file that records modes in a node folder (git keeps none): <c>stat -c '%a %n'</c> lines, paths relative to the folder.</summary>
    public const string ModesFile = ".modes";

    /// <summary>The file beside the node folders that says what the lab runs on (<c>hardware</c>, <c>embedded</c>, <c>vagrant</c>), as the inventory's lab kind.</summary>
    public const string LabKindFile = ".lab-kind";

    /// <summary>Every file of the layout.</summary>
    public static IReadOnlyList<LayoutEntry> Entries { get; } =
    [
        new("ha.cf", "/etc/ha.d/ha.cf", null, NodeRole.Storage),
        new("haresources", "/etc/ha.d/haresources", null, NodeRole.Storage),
        new("authkeys", "/etc/ha.d/authkeys", null, NodeRole.Storage),
        new("drbd.conf", "/etc/drbd.conf", null, NodeRole.Storage),
        new("drbd.d/*.conf", "/etc/drbd.d/*.conf", null, NodeRole.Storage),
        new("drbd.d/*.res", "/etc/drbd.d/*.res", null, NodeRole.Storage),
        new("lvm.conf", "/etc/lvm/lvm.conf", null, null),
        new("lvmlocal.conf", "/etc/lvm/lvmlocal.conf", null, null),
        new("sysctl-arp_filter.txt", null, @"sysctl -a 2>/dev/null | grep -E '^net\.ipv4\.conf\.[^.]+\.arp_filter '", NodeRole.Storage),
        new("lio-target.conf", "/etc/sanchaos/lio-target.conf", null, NodeRole.Storage),
        new("lio-tpg.txt", null,
            "for t in /sys/kernel/config/target/iscsi/*/tpgt_*; do [ -d \"$t\" ] || continue; a=$t/attrib; " +
            "printf '%s authentication=%s generate_node_acls=%s acls=%s enable=%s\\n' \"${t#/sys/kernel/config/target/iscsi/}\" " +
            "\"$(cat $a/authentication)\" \"$(cat $a/generate_node_acls)\" \"$(ls $t/acls | wc -l)\" \"$(cat $t/enable)\"; done",
            NodeRole.Storage),
        new("tgt/targets.conf", "/etc/tgt/targets.conf", null, NodeRole.Storage),
        new("tgt/conf.d/*.conf", "/etc/tgt/conf.d/*.conf", null, NodeRole.Storage),
        new("iscsid.conf", "/etc/iscsi/iscsid.conf", null, NodeRole.Client),
        new("multipath.conf", "/etc/multipath.conf", null, NodeRole.Client),
        new("iscsiadm-m-node.txt", null, "iscsiadm -m node 2>/dev/null", NodeRole.Client),
        new("iscsiadm-node-records.txt", null,
            "iscsiadm -m node 2>/dev/null | while read -r p t; do echo \"# iscsiadm -m node -T $t -p ${p%,*}\"; iscsiadm -m node -T \"$t\" -p \"${p%,*}\" 2>/dev/null; done",
            NodeRole.Client),
        new("multipathd-show-config.txt", null, "multipathd show config local 2>/dev/null", NodeRole.Client),
    ];

    /// <summary>True when <paramref name="folderPath"/> is a file of the layout (<c>ha.cf</c>, <c>drbd.d/r0.res</c>...).</summary>
    public static bool Knows(string folderPath) => Entries.Any(e => e.FolderPath.Contains('*')
        ? folderPath.StartsWith(e.FolderPath[..e.FolderPath.IndexOf('*')], StringComparison.Ordinal) && folderPath.EndsWith(e.FolderPath[(e.FolderPath.IndexOf('*') + 1)..], StringComparison.Ordinal)
        : folderPath == e.FolderPath);

    /// <summary>The entries a node of <paramref name="role"/> has.</summary>
    public static IEnumerable<LayoutEntry> For(NodeRole role) => Entries.Where(e => e.Role is null || e.Role == role);
}
