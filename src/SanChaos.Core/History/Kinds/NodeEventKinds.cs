namespace SanChaos.Core.History;

/// <summary>
/// The node event kinds the checkers read. They are data: the <c>kind:</c> of the <c>timeline:</c> rules in
/// lab/sut/commands.yaml (their data is the rule's named groups plus <c>node</c> and <c>stream</c>); a renamed kind
/// there must be renamed here.
/// </summary>
public static class NodeEventKinds
{
    /// <summary><c>hb.node-dead</c>.</summary>
    public const string NodeDead = "hb.node-dead";
    /// <summary><c>hb.takeover-start</c>.</summary>
    public const string TakeoverStart = "hb.takeover-start";
    /// <summary><c>hb.takeover-complete</c>.</summary>
    public const string TakeoverComplete = "hb.takeover-complete";
    /// <summary><c>hb.resource</c>.</summary>
    public const string Resource = "hb.resource";
    /// <summary><c>drbd.change</c>.</summary>
    public const string DrbdChange = "drbd.change";
    /// <summary><c>drbd.state</c>.</summary>
    public const string DrbdState = "drbd.state";
    /// <summary><c>drbd.split-brain</c>.</summary>
    public const string DrbdSplitBrain = "drbd.split-brain";
    /// <summary><c>drbd.fence-peer-result</c>.</summary>
    public const string DrbdFencePeerResult = "drbd.fence-peer-result";
    /// <summary><c>drbd.fence-peer</c>.</summary>
    public const string DrbdFencePeer = "drbd.fence-peer";
    /// <summary><c>target.state</c>.</summary>
    public const string TargetState = "target.state";
    /// <summary><c>ip.present</c>.</summary>
    public const string IpPresent = "ip.present";
    /// <summary><c>ip.added</c>.</summary>
    public const string IpAdded = "ip.added";
    /// <summary><c>ip.removed</c>.</summary>
    public const string IpRemoved = "ip.removed";
    /// <summary><c>iscsi.ping-timeout</c>.</summary>
    public const string IscsiPingTimeout = "iscsi.ping-timeout";
    /// <summary><c>iscsi.conn-error</c>.</summary>
    public const string IscsiConnError = "iscsi.conn-error";
    /// <summary><c>iscsi.recovery-timeout</c>.</summary>
    public const string IscsiRecoveryTimeout = "iscsi.recovery-timeout";
    /// <summary><c>multipathd.active-paths</c>.</summary>
    public const string ActivePaths = "multipathd.active-paths";
    /// <summary><c>iscsi.session</c>.</summary>
    public const string IscsiSession = "iscsi.session";
    /// <summary><c>hb.link</c>.</summary>
    public const string HeartbeatLink = "hb.link";
    /// <summary><c>hb.auth-failed</c>.</summary>
    public const string HeartbeatAuthFailed = "hb.auth-failed";
    /// <summary><c>hb.lost-packets</c>.</summary>
    public const string HeartbeatLostPackets = "hb.lost-packets";
    /// <summary><c>multipath.path-failed</c>.</summary>
    public const string MultipathPathFailed = "multipath.path-failed";
    /// <summary><c>multipathd.path</c>.</summary>
    public const string MultipathdPath = "multipathd.path";
    /// <summary><c>kernel.io-error</c>.</summary>
    public const string KernelIoError = "kernel.io-error";

    /// <summary>The source the timeline observer records node events under (<c>TimelineObserver.Name</c>).</summary>
    public const string TimelineSource = "timeline";

    /// <summary>The source of the capture observer's events (<c>CaptureObserver.Name</c>).</summary>
    public const string CaptureSource = "capture";

    /// <summary>The source of the I/O probe's events (<c>IoProbeObserver.Name</c>).</summary>
    public const string IoProbeSource = "io-probe";
}
