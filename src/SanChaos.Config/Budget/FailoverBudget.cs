using SanChaos.Config.Timing;
using static SanChaos.Config.Budget.BudgetModel;

namespace SanChaos.Config.Budget;

/// <summary>
/// The failover budget: what a configuration predicts for each fault, term by term, with each term's source.
/// Checkers call <see cref="For"/> with the lab's configuration and the terms measured on that lab, and compare the
/// measured stall and error window with <see cref="BudgetEstimate.Stall"/>, <see cref="BudgetEstimate.ApplicationErrors"/>
/// and <see cref="BudgetEstimate.ErrorWindow"/>.
/// </summary>
/// <remarks>
/// The model (all ranges from the moment of the fault):
/// <list type="bullet">
/// <item>Heartbeat declares the peer dead between deadtime − keepalive and deadtime.</item>
/// <item>drbddisk cannot promote before DRBD noticed the lost peer (at the latest ping-int + ping-timeout, or
/// <c>timeout</c> with I/O in flight); it retries for 5 s (drbd-utils; DRBD 0.7's did not retry).</item>
/// <item>The standby starts the group (a <see cref="MeasuredTerms"/> term). IPaddr2 sends gratuitous ARP as each IP starts.</item>
/// <item>The initiator notices a dead portal by NOP-out (noop_out_timeout to interval + timeout), or at once when the
/// new owner answers with a reset; the session then waits its recovery timeout, which multipathd sets from its own
/// fast_io_fail_tmo (measured on the embedded lab: "session recovery timed out after 5 secs" with replacement_timeout
/// 15), before failing I/O to dm-multipath. With every path failed, <c>no_path_retry fail</c> returns EIO to the
/// application at once; a count queues for count × polling_interval; queue waits.</item>
/// <item>The session logs in again once the portal answers (a <see cref="MeasuredTerms"/> term); a path that had
/// failed comes back at multipathd's next check (within polling_interval).</item>
/// </list>
/// </remarks>
public static class FailoverBudget
{
    /// <summary>The fault kinds in the order reports show them.</summary>
    public static IReadOnlyList<FaultKind> Faults { get; } = Enum.GetValues<FaultKind>();

    /// <summary>The budget of one fault.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="config">The SAN's configuration.</param>
    /// <param name="measured">Machine-dependent terms measured on the lab; default <see cref="MeasuredTerms.NotMeasured"/>.</param>
    public static BudgetEstimate For(FaultKind fault, SutConfiguration config, MeasuredTerms? measured = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var m = new BudgetModel(config, measured ?? MeasuredTerms.NotMeasured);
        return fault switch
        {
            FaultKind.PrimaryPowerLoss => PowerLoss(m),
            FaultKind.HeartbeatDaemonDeath => HeartbeatDeath(m),
            FaultKind.StorageSwitchLoss => SwitchLoss(m),
            FaultKind.Eth1Cut => Eth1Cut(m),
            _ => BothPathsLost(m, null),
        };
    }

    /// <summary>The budget of every fault kind.</summary>
    public static IReadOnlyList<BudgetEstimate> All(SutConfiguration config, MeasuredTerms? measured = null) =>
        Faults.Select(f => For(f, config, measured)).ToArray();

    private static BudgetEstimate PowerLoss(BudgetModel m)
    {
        var c = m.Client;
        var group = m.GroupStart;
        var terms = new List<BudgetTerm>
        {
            m.HeartbeatDetection(m.StandbyName), m.DrbdWait, group, m.Nop($"that {m.PrimaryName}'s portals are gone"), m.RecoveryTerm, m.QueueTerm, m.Relogin, m.PathCheck,
        };
        var takeover = m.DrbdWait.Range + group.Range;
        var done = m.HbDetection + takeover;
        var nop = m.NopDetection;
        var relogin = m.Relogin.Range;
        // Until the portal answers again the session is down for (done − the moment the initiator noticed) + re-login.
        var exposure = new TimeRange(Max(TimeSpan.Zero, done.Min - nop.Max) + relogin.Min, Max(TimeSpan.Zero, done.Max - nop.Min) + relogin.Max);
        var notes = new List<string>();
        var outcome = ClientOutcome(m, exposure, new TimeRange(Min(nop.Min, done.Min), Min(nop.Max, done.Max)), notes);
        var stall = new TimeRange(done.Min + relogin.Min, done.Max + relogin.Max + (outcome.PathsFail == Expectation.No ? TimeSpan.Zero : c.PollingInterval.Value));
        if (m.PromotionMayFail)
            notes.Add($"DRBD may notice the lost peer up to {m.DrbdLag.TotalSeconds:0.#} s after Heartbeat declares it dead, longer than drbddisk retries " +
                      $"({m.Drbd.RetryWindow.Value.TotalSeconds:0.#} s): the takeover can fail, leaving the group stopped on both nodes.");
        var protocol = m.Resource?.ProtocolValue ?? "C";
        if (protocol == "A") notes.Add("Protocol A: writes acknowledged while still in the primary's send buffer are lost with it.");
        return new BudgetEstimate(FaultKind.PrimaryPowerLoss, Drills.KillPrimary, terms, m.HbDetection, takeover, stall,
            "stall = Heartbeat detection + DRBD wait + group start + re-login (+ path check when the paths had failed); " +
            "errors when NOP detection + recovery timeout + queueing ends before the portal answers again",
            outcome.Errors, outcome.From, outcome.Window, m.PromotionMayFail ? Expectation.Possible : Expectation.Yes, Expectation.No,
            protocol == "A" ? Expectation.Possible : Expectation.No, new TimeRange(m.HbDetection.Min, done.Max), outcome.QueueingNeeded, notes);
    }

    /// <summary>Paths fail when the session stays down longer than the recovery timeout; the application sees errors when also longer than the queueing.</summary>
    private static ClientResult ClientOutcome(BudgetModel m, TimeRange exposure, TimeRange noticed, List<string> notes)
    {
        var c = m.Client;
        var rec = m.Recovery;
        var pathsFail = Exceeds(exposure, rec);
        TimeSpan? needed = pathsFail == Expectation.No ? null : exposure.Max - rec;
        var queue = c.QueueTime;
        var errors = Exceeds(exposure, queue is { } q ? rec + q : null);
        if (errors == Expectation.No)
        {
            if (pathsFail != Expectation.No)
                notes.Add($"The paths fail {rec.TotalSeconds:0.#} s after the initiator notices; no_path_retry {c.NoPathRetry.Value} holds the I/O until they return.");
            return new ClientResult(errors, null, null, pathsFail, needed);
        }

        var limit = rec + queue!.Value;
        var from = new TimeRange(noticed.Min + limit, noticed.Max + limit);
        var window = new TimeRange(Max(TimeSpan.Zero, exposure.Min - limit), exposure.Max - limit + c.PollingInterval.Value);
        notes.Add($"no_path_retry {c.NoPathRetry.Value}: once every path has failed the application gets I/O errors (EIO) until a path returns; " +
                  $"to wait instead, queue for at least {Math.Ceiling(needed!.Value.TotalSeconds):0} s: no_path_retry " +
                  $"{NoPathRetry.Covering(needed.Value, c.PollingInterval.Value)} with polling_interval {c.PollingInterval.Value.TotalSeconds:0.#}, or queue.");
        return new ClientResult(errors, from, window, pathsFail, needed);
    }

    private sealed record ClientResult(Expectation Errors, TimeRange? From, TimeRange? Window, Expectation PathsFail, TimeSpan? QueueingNeeded);

    private static BudgetEstimate HeartbeatDeath(BudgetModel m)
    {
        var twoPrimaries = m.Resource?.Find("net", "allow-two-primaries") is { } a && a.Value is "yes" or "";
        if (twoPrimaries) return BothPathsLost(m, $"allow-two-primaries is set ({m.Resource!.Find("net", "allow-two-primaries")!.Cite}): {m.StandbyName} promotes while {m.PrimaryName} is still Primary.");
        var retry = new BudgetTerm($"drbddisk on {m.StandbyName} retries `drbdadm primary`, refused while {m.PrimaryName} is still Primary and connected; Heartbeat gives up the group",
            BudgetPhase.Takeover, TimeRange.Exactly(m.Drbd.RetryWindow.Value), Origin(m.Drbd.RetryWindow), m.Drbd.RetryWindow.Source);
        var notes = new List<string>
        {
            $"The group keeps running on {m.PrimaryName}, where nothing watches it any more: a later failure of {m.PrimaryName} is not taken over until Heartbeat runs there again.",
        };
        if ((m.Config.Primary?.HaCf ?? m.Config.Standby?.HaCf)?.Last("watchdog") is { } wd)
            notes.Add($"{wd.Cite}: the watchdog resets {m.PrimaryName} when Heartbeat stops feeding it; from then on this is a primary power loss, after {m.StandbyName} has already given up its takeover.");
        return new BudgetEstimate(FaultKind.HeartbeatDaemonDeath, Drills.KillHeartbeat, [m.HeartbeatDetection(m.StandbyName), retry], m.HbDetection, TimeRange.Zero,
            TimeRange.Zero, "no stall: the primary keeps serving", Expectation.No, null, null, Expectation.No, Expectation.No, Expectation.No, null, null, notes);
    }

    private static BudgetEstimate SwitchLoss(BudgetModel m)
    {
        var c = m.Client;
        var terms = new List<BudgetTerm>
        {
            m.Nop("that the path through the lost switch is dead"),
            m.RecoveryTerm,
            // Measured on the embedded lab (2026-11-29, switch-a drill): 20.22 s against NOP-out + recovery timeout's 20 s.
            new("dm-multipath resends the failed I/O on the other path (the error travels up from the SCSI layer, the path is failed, the I/O is requeued); I/O already on it goes on",
                BudgetPhase.Client, new TimeRange(TimeSpan.Zero, ResubmitSlack), TermOrigin.Measured,
                $"{c.NoPathRetry.Source}; two portals on separate storage networks; measured on lab embedded (2026-11-29): 0.2 s"),
        };
        var notes = new List<string>
        {
            "I/O that was sent down the lost path waits for NOP-out detection and the recovery timeout, then goes down the other path; " +
            "I/O that round-robin sends down the other path does not wait (hence the lower bound of 0).",
        };
        var errors = Expectation.No;
        if (c.Portals.Count == 1)
        {
            notes.Add($"{c.Node} has a node record for one portal only ({c.Portals[0]}): losing its switch leaves no path.");
            errors = c.QueueTime is null ? Expectation.No : Expectation.Yes;
        }
        else if (c.Portals.Count == 0)
        {
            notes.Add($"{c.Node}'s node records were not collected: two portals on separate switches are assumed.");
        }

        return new BudgetEstimate(FaultKind.StorageSwitchLoss, Drills.SwitchPower, terms, m.NopDetection, TimeRange.Zero,
            new TimeRange(TimeSpan.Zero, m.NopDetection.Max + m.Recovery + ResubmitSlack),
            "stall = NOP-out detection + recovery timeout + the resend on the other path, for I/O that was on the lost path", errors, null, null,
            Expectation.No, Expectation.No, Expectation.No, null, null, notes);
    }

    /// <summary>dm-multipath's resend of a failed I/O on the remaining path, from the error to the resend's completion (1 s).</summary>
    private static readonly TimeSpan ResubmitSlack = TimeSpan.FromSeconds(1);

    /// <summary>DRBD's connection teardown after it declared the peer lost, until the waiting writes complete locally (1 s).</summary>
    private static readonly TimeSpan TeardownSlack = TimeSpan.FromSeconds(1);

    private static BudgetEstimate Eth1Cut(BudgetModel m)
    {
        var remaining = m.Config.StorageNodes.Select(n => (n.Name, Paths: n.HaCf?.Paths.Where(p => p.Device != "eth1").ToArray() ?? [])).ToArray();
        if (remaining.Length > 0 && remaining.Any(r => r.Paths.Length == 0))
            return BothPathsLost(m, $"every heartbeat path of {string.Join(" and ", remaining.Where(r => r.Paths.Length == 0).Select(r => r.Name))} goes over eth1: cutting it loses them all.") with
            {
                Fault = FaultKind.Eth1Cut,
                Drill = Drills.Eth1Cut,
            };
        var d = m.Drbd;
        var via = string.Join(", ", remaining.SelectMany(r => r.Paths).Select(p => p.ToString()).Distinct());
        var terms = new List<BudgetTerm>
        {
            new($"DRBD on {m.PrimaryName} notices the lost replication link (writes wait for the peer's acknowledgement until then)", BudgetPhase.Detection,
                new TimeRange(TimeSpan.Zero, d.PeerLossMax), Origin(d.PingInt, d.PingAnswer, d.Timeout), d.PeerLossSource),
            new($"Heartbeat marks link eth1 dead; the peer stays alive over {via}: no takeover", BudgetPhase.Detection, m.HbDetection,
                Origin(m.Hb.Deadtime, m.Hb.Keepalive), m.Hb.DetectionSource),
        };
        var notes = new List<string>();
        var fencing = m.Resource?.Fencing?.Value;
        if (fencing is null or "dont-care")
            notes.Add($"No DRBD fencing: {m.StandbyName}'s copy falls behind without being marked Outdated; if {m.PrimaryName} fails before eth1 is back, " +
                      $"Heartbeat (over {via}) promotes the stale copy and the writes since the cut are lost.");
        if (fencing == "resource-and-stonith")
            notes.Add("fencing resource-and-stonith freezes I/O on the primary until the fence-peer handler returns (not in this budget: measure it).");
        // Measured on the embedded lab (2026-11-29, eth1 drill): 11.1 s with ping-int 10 s / ping-timeout 0.5 s while the probe wrote
        // every few ms, so the wait ends at the ping timeout, not at `timeout` (a request's own timeout is timeout × ko-count in 8.4);
        // the rest is DRBD tearing the connection down and completing the waiting writes locally.
        terms.Add(new BudgetTerm($"DRBD on {m.PrimaryName} drops the connection and completes the waiting writes on its own disk", BudgetPhase.Client,
            new TimeRange(TimeSpan.Zero, TeardownSlack), TermOrigin.Measured, "measured on lab embedded (2026-11-29): 0.6 s after DRBD's ping timeout"));
        return new BudgetEstimate(FaultKind.Eth1Cut, Drills.Eth1Cut, terms, new TimeRange(TimeSpan.Zero, d.PeerLossMax), TimeRange.Zero,
            new TimeRange(TimeSpan.Zero, d.PeerLossMax + TeardownSlack),
            "stall = DRBD's detection of the lost peer (ping-int + ping-timeout: protocol C waits for the peer's acknowledgement until then) + the connection's teardown",
            Expectation.No, null, null, Expectation.No, Expectation.No, Expectation.No, null, null, notes);
    }

    private static BudgetEstimate BothPathsLost(BudgetModel m, string? why)
    {
        var c = m.Client;
        var d = m.Drbd;
        var group = m.GroupStart;
        var terms = new List<BudgetTerm>
        {
            m.HeartbeatDetection($"both nodes ({m.StandbyName} and {m.PrimaryName})"),
            new($"DRBD on {m.PrimaryName} notices the lost replication link (writes wait for the peer's acknowledgement until then)", BudgetPhase.Detection,
                new TimeRange(TimeSpan.Zero, d.PeerLossMax), Origin(d.PingInt, d.PingAnswer, d.Timeout), d.PeerLossSource),
            m.DrbdWait, group,
            new($"{m.StandbyName}'s gratuitous ARP moves the client to it: the old connection is reset", BudgetPhase.Client, TimeRange.Zero, TermOrigin.Configuration,
                "IPaddr2's send_arp when each floating IP starts"),
            m.RecoveryTerm, m.QueueTerm, m.Relogin, m.PathCheck,
        };
        var done = m.HbDetection + m.DrbdWait.Range + group.Range;
        var notes = new List<string>();
        if (why is not null) notes.Add(why);
        var relogin = m.Relogin.Range;
        var outcome = ClientOutcome(m, relogin, done, notes);
        var second = relogin.Max + (outcome.PathsFail == Expectation.No ? TimeSpan.Zero : c.PollingInterval.Value);
        var split = SplitBrain(m, notes);
        notes.Add($"{m.PrimaryName} keeps the group and the floating IPs too: both answer ARP for them, and the client follows whichever answered last.");
        if (split != Expectation.No)
            notes.Add("Writes acknowledged by the old primary after the link went are not on the copy the client now writes to; resolving the split brain discards one side's writes.");
        return new BudgetEstimate(FaultKind.BothHeartbeatPathsLost, Drills.BothPathsLost, terms, m.HbDetection, m.DrbdWait.Range + group.Range,
            new TimeRange(relogin.Min, Max(d.Timeout.Value, second)),
            "stall = the longer of DRBD's timeout (writes in flight at the cut) and the re-login after the client moves to the standby (+ path check when the paths failed)",
            outcome.Errors, outcome.From, outcome.Window, Expectation.Yes, split, split, new TimeRange(m.HbDetection.Min, done.Max), outcome.QueueingNeeded, notes);
    }

    private static Expectation SplitBrain(BudgetModel m, List<string> notes)
    {
        var r = m.Resource;
        var fencing = r?.Fencing?.Value;
        if (r is null) return Expectation.Possible;
        if (r.Syntax == Drbd.DrbdSyntax.Drbd07 || fencing is null or "dont-care")
        {
            notes.Add($"No DRBD fencing ({(r.Fencing?.Cite ?? r.Section.Location + " resource " + r.Name + " has no fencing")}): {m.StandbyName} promotes its copy while {m.PrimaryName} is still Primary.");
            return Expectation.Yes;
        }

        var handler = r.FencePeerHandler?.Value ?? "";
        var stonith = (m.Config.Primary?.HaCf ?? m.Config.Standby?.HaCf)?.Directives.Any(e => e.Key is "stonith" or "stonith_host") == true;
        if (fencing == "resource-and-stonith" && stonith)
            return Expectation.No;
        if (handler.Contains("drbd-peer-outdater", StringComparison.Ordinal) || handler.Contains("dopd", StringComparison.Ordinal))
        {
            notes.Add($"The fence-peer handler ({r.FencePeerHandler!.Cite}) reaches the peer only over Heartbeat's paths, which this fault removes: " +
                      "it reports the peer unreachable and DRBD assumes it dead, so both nodes still promote. Only STONITH (or a third path) prevents it.");
            return Expectation.Yes;
        }

        notes.Add($"fencing {fencing} with handler {(handler.Length == 0 ? "(none)" : handler)}: split brain is avoided only if the handler reaches the peer over a path this fault leaves.");
        return Expectation.Possible;
    }
}
