namespace SanChaos.Faults;

/// <summary>
/// Optional capability of an <see cref="IFault"/>: a setting kept in the files of some nodes (DRBD's resource file,
/// multipath.conf, open-iscsi's node records). A node that is off when the setting is healed boots with the drill's value
/// still in its files, and its services read it before any heal can reach the node over SSH (seen in the protocol A
/// drill: otter booted with <c>protocol A</c>, its DRBD connected at once to weasel, already back on C, and weasel went
/// StandAlone with "incompatible protocol settings"). So <see cref="FaultSet.HealAllAsync"/> heals settings on powered
/// nodes first, then holds the service that reads the setting (<see cref="Hold"/>) on the nodes that stayed up, then
/// heals the other faults (power last of all the injections' reverse order), then the settings of the nodes that were
/// off (once they answer SSH), and finally settles each held service.
/// </summary>
public interface INodeSetting
{
    /// <summary>The nodes whose files hold the changed setting.</summary>
    IReadOnlyList<string> SettingNodes { get; }

    /// <summary>The service that reads the setting at boot and how to hold and settle it; null when nothing needs holding.</summary>
    ISettingHold? Hold { get; }
}
