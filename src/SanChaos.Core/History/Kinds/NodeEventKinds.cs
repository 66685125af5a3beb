namespace SanChaos.Core.History;

/// <summary>
/// The node event kinds the checkers read. They are data: the <c>kind:</c> of the <c>timeline:</c> rules in
/// lab/sut/commands.yaml (their data is the rule's named groups plus <c>node</c> and <c>stream</c>); a renamed kind
/// there must be renamed here.
/// </summary>
public static class NodeEventKinds
{
    public const string NodeDead = "hb.node-dead";
    public const string TakeoverStart = "hb.takeover-start";
    public const string TakeoverComplete = "hb.takeover-complete";
    public const string Resource = "hb.resource";
    public const string DrbdChange = "drbd.change";
    public const string DrbdState = "drbd.state";
    public const string DrbdSplitBrain = "drbd.split-brain";
    public const string DrbdFencePeerResult = "drbd.fence-peer-result";
    public const string DrbdFencePeer = "drbd.fence-peer";
    public const string TargetState = "target.state";
    public const string IpPresent = "ip.present";
    public const string IpAdded = "ip.added";
    public const string IpRemoved = "ip.removed";
    public const string IscsiPingTimeout = "iscsi.ping-timeout";
    public const string IscsiConnError = "iscsi.conn-error";
    public const string IscsiRecoveryTimeout = "iscsi.recovery-timeout";
    public const string ActivePaths = "multipathd.active-paths";
    public const string IscsiSession = "iscsi.session";
    public const string HeartbeatLink = "hb.link";
    public const string HeartbeatAuthFailed = "hb.auth-failed";
    public const string HeartbeatLostPackets = "hb.lost-packets";
    public const string MultipathPathFailed = "multipath.path-failed";
    public const string MultipathdPath = "multipathd.path";
    public const string KernelIoError = "kernel.io-error";

    /// <summary>The source the timeline observer records node events under (<c>TimelineObserver.Name</c>).</summary>
    public const string TimelineSource = "timeline";

    /// <summary>The source of the capture observer's events (<c>CaptureObserver.Name</c>).</summary>
    public const string CaptureSource = "capture";

    /// <summary>The source of the I/O probe's events (<c>IoProbeObserver.Name</c>).</summary>
    public const string IoProbeSource = "io-probe";
}
