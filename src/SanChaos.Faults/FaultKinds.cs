namespace SanChaos.Faults;

/// <summary>The <see cref="FaultDescriptor.Kind"/>s of the catalogue's faults (<see cref="Catalog.FaultCatalog"/>).</summary>
public static class FaultKinds
{
    /// <summary>Power off a node through every PDU outlet feeding it. Parameter <c>node</c>.</summary>
    public const string PowerOffNode = "power-off-node";

    /// <summary>Power off a switch through its outlets. Parameter <c>switch</c>.</summary>
    public const string PowerOffSwitch = "power-off-switch";

    /// <summary>Cut the cable of one node interface. Parameters <c>node</c>, <c>nic</c>.</summary>
    public const string CutCable = "cut-cable";

    /// <summary>Pull the null-modem serial cable. No parameters.</summary>
    public const string PullSerialCable = "pull-serial-cable";

    /// <summary>Power off whichever storage node holds the Heartbeat resources. Parameter <c>node</c> once known.</summary>
    public const string KillPrimary = "kill-primary";

    /// <summary>kill -9 the heartbeat daemon on a node. Parameter <c>node</c>.</summary>
    public const string KillHeartbeat = "kill-heartbeat";

    /// <summary>Stop the iSCSI target on a node. Parameters <c>node</c>, <c>implementation</c> (lio or tgt).</summary>
    public const string StopTarget = "stop-target";

    /// <summary>Degrade one node interface's link. Parameters <c>node</c>, <c>nic</c>, <c>delay_ms</c>, <c>jitter_ms</c>, <c>loss_percent</c>.</summary>
    public const string DegradeLink = "degrade-link";

    /// <summary>A multipath setting changed on a client (heal: the provisioned file back).</summary>
    public const string MultipathSetting = "multipath-setting";

    /// <summary>open-iscsi's replacement_timeout changed on a client (records and sessions). Parameters <c>node</c>, <c>seconds</c>.</summary>
    public const string IscsiReplacementTimeout = "iscsi-replacement-timeout";

    /// <summary>One DRBD resource option changed on a storage node. Parameters <c>node</c>, <c>section</c>, <c>key</c>, <c>value</c>.</summary>
    public const string DrbdSetting = "drbd-setting";

    /// <summary>DRBD's fencing policy (and its ssh fence-peer handler) on both storage nodes. Parameter <c>policy</c>.</summary>
    public const string DrbdFencing = "drbd-fencing";
}
