namespace SanChaos.Config.Drbd;

/// <summary>The drbd.conf dialect a configuration is written in, as told by the keywords it uses.</summary>
public enum DrbdSyntax
{
    /// <summary>No resource to tell by.</summary>
    Unknown,

    /// <summary>DRBD 0.7 (the seeds): <c>incon-degr-cmd</c>, <c>on-disconnect</c>, no fencing, no after-split-brain policies.</summary>
    Drbd07,

    /// <summary>DRBD 8.x (8.4 in the embedded lab; drbd-utils 9 hands it to drbdadm-84).</summary>
    Drbd8,

    /// <summary>DRBD 9: <c>connection</c> sections, <c>node-id</c>, <c>connection-mesh</c>.</summary>
    Drbd9,
}
