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

    /// <summary>What the embedded lab's nodes run (kernel, userland release). Default <see cref="SutBuild.Default"/>.</summary>
    public SutBuild Build { get; init; } = SutBuild.Default;

    /// <summary>The build's name with the target, e.g. <c>6.1/bookworm/lio</c>.</summary>
    public string BuildName => Build.Name(Target.Implementation);

    /// <summary>
    /// This configuration with a build override applied (<see cref="SutBuild.Apply"/>): kernel, release and target.
    /// </summary>
    public SutConfig WithBuild(string text, string source)
    {
        var (build, target) = SutBuild.Apply(text, Build, Target.Implementation, source);
        return this with { Build = build, Target = Target with { Implementation = target } };
    }
}
