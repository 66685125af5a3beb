namespace SanChaos.Labs.Recovery;

/// <summary>
/// Every kind of repair <see cref="RecoveryPlanner"/> proposes, each classified (<see cref="RepairKind"/>). Every one of
/// them today is a behaviour of the system under test, judged by a named checker; the lab's own artifacts (the embedded
/// lab's serial relay stopping) are not repaired: they make the drill broken with their cause.
/// </summary>
public static class RepairKinds
{
    /// <summary>Heartbeat not running on a storage node that answers (hb_start).</summary>
    public static readonly RepairKind HeartbeatNotRunning = new("heartbeat-not-running", RepairClass.SutBehaviour, "baseline-audit",
        "Heartbeat's master control process is gone on a node that has power and answers (it exited: /var/log/ha-log says why; " +
        "the kill-heartbeat fault's heal starts it again, so after the heals nothing of the harness keeps it down)");

    /// <summary>Heartbeat's books disagree with the one holder (hb_restart on the node that holds nothing).</summary>
    public static readonly RepairKind HeartbeatBooksWrong = new("heartbeat-books-wrong", RepairClass.SutBehaviour, "baseline-audit",
        "recorded on the embedded lab after Heartbeat was killed on the holder and started again: the holder said rscstatus none, " +
        "the other node all while holding nothing (Heartbeat 3.0.6, heartbeat/hb_resource.c keeps i_hold_resources from before the restart)");

    /// <summary>The one holder's Heartbeat says transition for longer than a takeover takes (hb_restart on the other node).</summary>
    public static readonly RepairKind HeartbeatHolderTransition = new("heartbeat-holder-transition", RepairClass.SutBehaviour, "baseline-audit",
        "recorded in CI on the 7.2 build after the standby's power cycle: weasel held the whole group and cl_status rscstatus said " +
        "transition for 5 min, otter none (Heartbeat v1: the resource state never returned to stable, heartbeat/hb_resource.c)");

    /// <summary>No node holds the group and a Heartbeat says transition for longer than a takeover takes (hb_kill_start there).</summary>
    public static readonly RepairKind HeartbeatTransitionNoHolder = new("heartbeat-transition-no-holder", RepairClass.SutBehaviour, "baseline-audit",
        "recorded on the embedded lab after the both-paths-lost drill: weasel logged \"T_STARTING received during takeover.\" " +
        "(heartbeat/hb_resource.c process_resources only logs a peer's T_STARTING during a takeover) and said rscstatus transition " +
        "from then on, nobody holding the group; a clean stop hung (\"Shutdown delayed until current resource activity finishes\")");

    /// <summary>DRBD StandAlone on the resource holder (drbd_connect).</summary>
    public static readonly RepairKind DrbdStandAloneHolder = new("drbd-standalone-holder", RepairClass.SutBehaviour, "baseline-audit",
        "DRBD 8.4 goes StandAlone when it refuses or drops a connection (a split brain with after-sb-* disconnect, the seeds' default; " +
        "incompatible settings) and does not reconnect by itself (drbd_receiver.c)");

    /// <summary>DRBD StandAlone on the node that holds nothing while the other holds the group: a split brain's victim (drbd_discard_my_data).</summary>
    public static readonly RepairKind DrbdSplitBrainVictim = new("drbd-split-brain-victim", RepairClass.SutBehaviour, "split-brain",
        "both copies were written independently; DRBD logged \"Split-Brain detected\" and disconnected (after-sb-* disconnect); " +
        "the DRBD user's guide, \"Manual split brain recovery\", discards the victim's changes");

    /// <summary>The client has no iSCSI session on a floating portal (iscsi_login_once).</summary>
    public static readonly RepairKind IscsiSessionMissing = new("iscsi-session-missing", RepairClass.SutBehaviour, "baseline-audit",
        "open-iscsi does not re-establish a session that was logged out, nor retry an initial login past node.session.initial_login_retry_max");

    /// <summary>multipathd does not answer on the client (multipathd_ensure).</summary>
    public static readonly RepairKind MultipathdNotAnswering = new("multipathd-not-answering", RepairClass.SutBehaviour, "baseline-audit",
        "multipathd stopped answering `multipathd show paths` (it exited or hung); nothing restarts it");

    /// <summary>Every kind, by name.</summary>
    public static IReadOnlyList<RepairKind> All { get; } =
    [
        HeartbeatNotRunning, HeartbeatBooksWrong, HeartbeatHolderTransition, HeartbeatTransitionNoHolder,
        DrbdStandAloneHolder, DrbdSplitBrainVictim, IscsiSessionMissing, MultipathdNotAnswering,
    ];

    /// <summary>
    /// The kind of <paramref name="repair"/>; an unknown or missing kind is a lab artifact whose cause says the planner did
    /// not classify it (a defect of SanChaos to fix, never a verdict on the SAN).
    /// </summary>
    public static RepairKind Of(Repair repair)
    {
        ArgumentNullException.ThrowIfNull(repair);
        return All.FirstOrDefault(k => k.Name == repair.Kind)
               ?? new RepairKind(repair.Kind ?? "unclassified", RepairClass.LabArtifact, null,
                   $"RecoveryPlanner proposed `{repair.Command}` without a known kind ('{repair.Kind}'): classify it in RepairKinds");
    }
}
