namespace SanChaos.Inventory.Model;

/// <summary>DRBD and LVM settings. Defaults are the seeds'.</summary>
/// <param name="Resource">Resource name. Default <c>r0</c>.</param>
/// <param name="Protocol">Replication protocol A, B or C. Default C.</param>
/// <param name="Port">TCP port on the replication network. Default 7788.</param>
/// <param name="Device">DRBD device. Default <c>/dev/drbd0</c>.</param>
/// <param name="SyncRate">Resync rate (drbd.conf syntax). Default <c>30M</c>.</param>
/// <param name="VolumeGroup">LVM volume group on the DRBD device. Default <c>storage</c>.</param>
/// <param name="LogicalVolume">Logical volume exported over iSCSI. Default <c>test</c>.</param>
/// <param name="LogicalVolumeSize">Its size (lvcreate -L syntax). Default <c>10G</c> (the embedded lab uses less).</param>
public sealed record DrbdConfig(
    string Resource, char Protocol, int Port, string Device, string SyncRate, string VolumeGroup,
    string LogicalVolume, string LogicalVolumeSize)
{
    /// <summary>The seeds' values.</summary>
    public static DrbdConfig Seeds { get; } = new("r0", 'C', 7788, "/dev/drbd0", "30M", "storage", "test", "10G");
}
