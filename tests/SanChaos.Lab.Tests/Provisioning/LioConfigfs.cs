namespace SanChaos.Lab.Tests.Provisioning;

/// <summary>
/// A plain directory tree standing in for LIO's configfs, as the lio-target script finds it before it starts the target:
/// configfs creates attribute files itself, so the tree has the ones the script reads or writes.
/// </summary>
/// <param name="Root">The configfs root (LIO_TARGET_CONFIGFS).</param>
/// <param name="Core">The backstore, core/iblock_0/storage-test.</param>
/// <param name="Tpg">The portal group, iscsi/&lt;IQN&gt;/tpgt_1.</param>
internal sealed record LioConfigfs(string Root, string Core, string Tpg)
{
    /// <summary>The tree under <paramref name="directory"/>/config for the embedded lab's target.</summary>
    public static LioConfigfs Create(string directory)
    {
        var root = Path.Combine(directory, "config");
        var fs = new LioConfigfs(root, Path.Combine(root, "target", "core", "iblock_0", "storage-test"),
            Path.Combine(root, "target", "iscsi", "iqn.2009-02.com.example:test", "tpgt_1"));
        Directory.CreateDirectory(Path.Combine(fs.Core, "wwn"));
        Directory.CreateDirectory(Path.Combine(fs.Tpg, "attrib"));
        Directory.CreateDirectory(Path.Combine(fs.Tpg, "np"));
        File.WriteAllText(Path.Combine(fs.Core, "enable"), "0\n");
        File.WriteAllText(Path.Combine(fs.Core, "control"), "");
        File.WriteAllText(Path.Combine(fs.Core, "wwn", "vpd_unit_serial"), "T10 VPD Unit Serial Number: \n");
        File.WriteAllText(Path.Combine(fs.Tpg, "enable"), "0\n");
        return fs;
    }

    /// <summary>An ACL of <paramref name="initiator"/> with the default group configfs gives it (auth/).</summary>
    public string Acl(string initiator)
    {
        var acl = Path.Combine(Tpg, "acls", initiator);
        Directory.CreateDirectory(Path.Combine(acl, "auth"));
        return acl;
    }
}
