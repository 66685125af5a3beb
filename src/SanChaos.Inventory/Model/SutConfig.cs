namespace SanChaos.Inventory.Model;

/// <summary>The configuration of the system under test, one source of truth for every lab kind.</summary>
/// <param name="Heartbeat">Heartbeat settings.</param>
/// <param name="Drbd">DRBD and LVM settings.</param>
/// <param name="Target">iSCSI target settings.</param>
/// <param name="Initiator">open-iscsi settings.</param>
/// <param name="Multipath">dm-multipath settings.</param>
public sealed record SutConfig(HeartbeatConfig Heartbeat, DrbdConfig Drbd, IscsiTargetConfig Target,
    IscsiInitiatorConfig Initiator, MultipathConfig Multipath)
{
    /// <summary>The seeds' configuration.</summary>
    public static SutConfig Seeds { get; } = new(HeartbeatConfig.Seeds, DrbdConfig.Seeds, IscsiTargetConfig.Seeds,
        IscsiInitiatorConfig.Seeds, MultipathConfig.Seeds);
}
