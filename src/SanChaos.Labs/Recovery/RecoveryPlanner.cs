using SanChaos.Labs.State;

namespace SanChaos.Labs.Recovery;

/// <summary>
/// Reads a <see cref="ClusterState"/> and names the repairs that bring a disposable lab back to its baseline
/// between drills, the way Pacemaker's CTS restores a stable cluster before its next test. It repairs only
/// what does not heal by itself and has one safe answer:
/// <list type="bullet">
/// <item>DRBD StandAlone (a split brain, or a connection given up) while exactly one node holds the resources:
///   the other node discards its changes and resyncs; StandAlone on the holder itself just reconnects.</item>
/// <item>Heartbeat not running on a reachable storage node: started (it was killed and not restarted).</item>
/// <item>Heartbeat's bookkeeping wrong while exactly one node holds the group (measured after Heartbeat was killed on the
///   holder and started again: the holder said rscstatus "none", the other node "all" while holding nothing): Heartbeat is
///   restarted on the node that holds nothing. It releases what it thinks it holds (nothing there), the holder takes the
///   group over in Heartbeat's books (its agents find every resource already running), and the restarted node rejoins
///   as standby (auto_failback off).</item>
/// <item>No node holds the group while Heartbeat runs on both and one of them says rscstatus "transition" for longer than a
///   takeover takes (<see cref="StuckTransition"/>): Heartbeat is killed and started on that node (<c>hb_kill_start</c>).
///   Measured on the embedded lab after the both-paths-lost drill: weasel logged "T_STARTING received during takeover"
///   when otter's Heartbeat came back and said transition from then on, with DRBD Secondary on both, no address and no
///   target anywhere (the group down for good). A clean restart hung there ("Shutdown delayed until current resource
///   activity finishes"); killed, it holds nothing to lose, the other node takes the group over, and it rejoins.</item>
/// <item>Exactly one node holds the group but its Heartbeat says rscstatus "transition" for longer than a takeover takes,
///   the other saying none (seen after the standby's power cycle): Heartbeat is restarted on the node that holds nothing.</item>
/// <item>The client has no session at all on a floating portal: logged in again (open-iscsi retries a failed
///   session by itself, but not one that was logged out).</item>
/// <item>multipathd not answering on the client: started.</item>
/// </list>
/// Everything else (a node down, both or neither node holding the resources, DRBD not configured) is a blocker:
/// waiting may cure it, a command from here would guess.
/// </summary>
public static class RecoveryPlanner
{
    /// <summary>How long "transition" with no holder may last before it is a hang: a takeover on the slowest build
    /// (6.1, stock agents) completes in about 40 s, the hang lasted more than 5 min.</summary>
    public static readonly TimeSpan StuckTransition = TimeSpan.FromSeconds(90);

    /// <summary>The repairs and blockers for <paramref name="state"/>.</summary>
    /// <param name="state">A snapshot from <see cref="LabStatus.CollectAsync"/>.</param>
    /// <param name="portals">The floating portals (<c>address:port</c>) the client must be logged in to.</param>
    public static Diagnosis Plan(ClusterState state, IReadOnlyList<string> portals)
    {
        var repairs = new List<Repair>();
        var blockers = new List<string>();
        var holders = state.Holders;
        foreach (var n in state.StorageNodes)
        {
            if (!n.Reachable)
            {
                blockers.Add($"{n.Name} is unreachable ({n.Error})");
                continue;
            }

            if (!n.HeartbeatRunning) repairs.Add(new Repair(n.Name, "hb_start", "heartbeat is not running", Kind: RepairKinds.HeartbeatNotRunning.Name));
            else if (holders.Count == 1 && holders[0] != n.Name && BooksWrong(state, holders[0], n))
                repairs.Add(new Repair(n.Name, "hb_restart",
                    $"Heartbeat's rscstatus disagrees with what the nodes hold ({holders[0]} holds the group and says " +
                    $"{Rsc(state.StorageNodes.First(h => h.Name == holders[0]))}; {n.Name} holds nothing and says {Rsc(n)})",
                    Kind: RepairKinds.HeartbeatBooksWrong.Name));
            else if (holders.Count == 1 && holders[0] != n.Name && HolderStuck(state, holders[0], n))
                // Seen in CI on the 7.2 build after the standby's power cycle: weasel held everything (DRBD Primary, both
                // addresses, the target) and said transition for 5 min; otter said none. Restarting Heartbeat on the node that
                // holds nothing is the same repair as for wrong books above: the holder takes the group over in its books.
                repairs.Add(new Repair(n.Name, "hb_restart",
                    $"{holders[0]} holds the group but its Heartbeat says rscstatus transition; {n.Name} holds nothing and says {Rsc(n)}",
                    Confirm: StuckTransition, Kind: RepairKinds.HeartbeatHolderTransition.Name));
            if (n.Drbd is not { IsConfigured: true } d)
            {
                blockers.Add($"{n.Name}: DRBD is not configured (`drbdadm up` was not run, or the node is still booting)");
                continue;
            }

            if (d.ConnectionState != "StandAlone") continue;
            if (holders.Count != 1)
                blockers.Add($"{n.Name}: DRBD StandAlone while {(holders.Count == 0 ? "no node" : string.Join(" and ", holders))} " +
                             "hold(s) the resources: no safe choice of whose changes to discard");
            else if (holders[0] == n.Name)
                repairs.Add(new Repair(n.Name, "drbd_connect", $"DRBD StandAlone on the resource holder ({d})", Kind: RepairKinds.DrbdStandAloneHolder.Name));
            else
                repairs.Add(new Repair(n.Name, "drbd_discard_my_data",
                    $"DRBD StandAlone ({d}) while {holders[0]} holds the resources: split brain, {n.Name}'s changes are discarded",
                    Kind: RepairKinds.DrbdSplitBrainVictim.Name));
        }

        // Nobody holds the group and a node's Heartbeat is stuck in a transition: restart it there (see the summary).
        if (holders.Count == 0 && state.StorageNodes.All(n => n.Reachable && n.HeartbeatRunning))
            foreach (var n in state.StorageNodes.Where(n => n.ResourceStatus == HeartbeatResourceStatus.Transition))
                repairs.Add(new Repair(n.Name, "hb_kill_start",
                    $"no node holds the resource group and Heartbeat on {n.Name} says rscstatus transition " +
                    $"(others: {string.Join(", ", state.StorageNodes.Where(o => o.Name != n.Name).Select(o => $"{o.Name} {Rsc(o)}"))})",
                    Confirm: StuckTransition, Kind: RepairKinds.HeartbeatTransitionNoHolder.Name));

        foreach (var c in state.Clients)
        {
            if (!c.Reachable)
            {
                blockers.Add($"{c.Name} is unreachable ({c.Error})");
                continue;
            }

            foreach (var portal in portals.Where(p => c.Sessions.All(s => s.Portal != p)))
                repairs.Add(new Repair(c.Name, "iscsi_login_once", "no iSCSI session on this portal", portal, Kind: RepairKinds.IscsiSessionMissing.Name));
            if (c.PathsError is not null) repairs.Add(new Repair(c.Name, "multipathd_ensure", $"multipathd does not answer ({c.PathsError})", Kind: RepairKinds.MultipathdNotAnswering.Name));
        }

        return new Diagnosis(repairs, blockers);
    }

    /// <summary>The holder does not say all/local, or the node that holds nothing says all (both with Heartbeat running).</summary>
    private static bool BooksWrong(ClusterState state, string holder, StorageNodeState idle)
    {
        var h = state.StorageNodes.First(x => x.Name == holder);
        return h.Reachable && h.HeartbeatRunning && HeartbeatBooks.Contradict(h, idle);
    }

    /// <summary>The holder's Heartbeat says transition while the node that holds nothing says none (a hang once it lasts).</summary>
    private static bool HolderStuck(ClusterState state, string holder, StorageNodeState idle)
    {
        var h = state.StorageNodes.First(x => x.Name == holder);
        return h.Reachable && h.HeartbeatRunning && h.ResourceStatus == HeartbeatResourceStatus.Transition && idle.ResourceStatus == HeartbeatResourceStatus.None;
    }

    private static string Rsc(StorageNodeState n) => $"rscstatus {HeartbeatBooks.Word(n)}";
}
