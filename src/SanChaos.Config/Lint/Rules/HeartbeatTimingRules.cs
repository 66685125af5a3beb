using SanChaos.Config.Timing;

namespace SanChaos.Config.Lint.Rules;

/// <summary>Shared by the Heartbeat timing rules: each storage node's timers.</summary>
internal abstract class HeartbeatTimingRule(string id, string title) : ConfigRule(id, title)
{
    public override IEnumerable<Finding> Check(LintContext context) =>
        context.Config.StorageNodes.Select(n => context.Config.Timings.Heartbeat(n.Name)).OfType<HeartbeatTimings>().SelectMany(t => Check(t, context));

    protected abstract IEnumerable<Finding> Check(HeartbeatTimings t, LintContext context);

    protected static string S(TimeSpan t) => $"{t.TotalSeconds:0.###} s";

    protected static ConfigLocation At<T>(Setting<T> s, HeartbeatTimings t, LintContext c) =>
        s.At ?? c.Config.Node(t.Node)!.HaCf!.File.At(1);
}

/// <summary><c>hb.deadtime-keepalive</c>: Heartbeat refuses a deadtime of two keepalives or less.</summary>
internal sealed class DeadtimeKeepaliveRule() : HeartbeatTimingRule("hb.deadtime-keepalive", "deadtime more than twice keepalive (Heartbeat refuses otherwise)")
{
    protected override IEnumerable<Finding> Check(HeartbeatTimings t, LintContext context)
    {
        if (t.Deadtime.Value <= t.Keepalive.Value * 2)
            yield return Found(Severity.Error, At(t.Deadtime, t, context), $"deadtime {S(t.Deadtime.Value)} is not more than twice keepalive {S(t.Keepalive.Value)}",
                "Heartbeat refuses to start (\"Dead time is too small compared to keepalive\"); even if it did, one late packet would declare the peer dead and start a takeover.",
                $"deadtime at least {S(t.Keepalive.Value * 2 + TimeSpan.FromSeconds(1))}; with keepalive 1–2 s the seeds' 10 s leaves room for a busy node.", Drills.KillPrimary);
    }
}

/// <summary><c>hb.warntime</c>: warntime between keepalive and deadtime, so a late heartbeat is logged before the peer is declared dead.</summary>
internal sealed class WarntimeRule() : HeartbeatTimingRule("hb.warntime", "keepalive < warntime < deadtime")
{
    protected override IEnumerable<Finding> Check(HeartbeatTimings t, LintContext context)
    {
        if (t.Warntime.Value >= t.Deadtime.Value)
            yield return Found(Severity.Warning, At(t.Warntime, t, context), $"warntime {S(t.Warntime.Value)} is not below deadtime {S(t.Deadtime.Value)}",
                "Heartbeat logs \"Late heartbeat\" only after it has already declared the peer dead: you get no warning that deadtime is about to be reached.",
                $"warntime between keepalive and deadtime, e.g. {S(t.Deadtime.Value / 2)} (Heartbeat's default, half the deadtime).");
        else if (t.Warntime.Value <= t.Keepalive.Value)
            yield return Found(Severity.Warning, At(t.Warntime, t, context), $"warntime {S(t.Warntime.Value)} is not above keepalive {S(t.Keepalive.Value)}",
                "Every heartbeat that arrives a little late is logged as late: the log fills with warnings that mean nothing.",
                $"warntime of a few keepalives, e.g. {S(t.Deadtime.Value / 2)}.");
    }
}

/// <summary><c>hb.initdead</c>: initdead at least deadtime (enforced), at least twice deadtime and 10 s (recommended).</summary>
internal sealed class InitdeadRule() : HeartbeatTimingRule("hb.initdead", "initdead ≥ deadtime (enforced), ≥ 2 × deadtime and ≥ 10 s (recommended)")
{
    protected override IEnumerable<Finding> Check(HeartbeatTimings t, LintContext context)
    {
        var at = At(t.Initdead, t, context);
        if (t.Initdead.Value < t.Deadtime.Value)
            yield return Found(Severity.Error, at, $"initdead {S(t.Initdead.Value)} is below deadtime {S(t.Deadtime.Value)}",
                "Heartbeat refuses to start (\"Initial dead time is smaller than deadtime\").", $"initdead at least {S(t.Deadtime.Value * 2)}.");
        else if (t.Initdead.Value < t.Deadtime.Value * 2 || t.Initdead.Value < TimeSpan.FromSeconds(10))
            yield return Found(Severity.Warning, at, $"initdead {S(t.Initdead.Value)} is below twice deadtime ({S(t.Deadtime.Value * 2)}) or 10 s",
                "At boot the network and the peer take longer than in steady state; a node that gives up on its peer too soon takes the resources alone (split brain at power-on).",
                $"initdead at least {S(BudgetMax(t.Deadtime.Value * 2, TimeSpan.FromSeconds(10)))} (ha.cf's documentation: twice deadtime; config.c warns below 10 s).");
    }

    private static TimeSpan BudgetMax(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary><c>hb.deadtime-drbd</c>: Heartbeat must not declare the peer dead so much earlier than DRBD that drbddisk gives up.</summary>
internal sealed class DeadtimeDrbdRule() : HeartbeatTimingRule("hb.deadtime-drbd", "deadtime against DRBD's peer-loss timers and drbddisk's retries")
{
    protected override IEnumerable<Finding> Check(HeartbeatTimings t, LintContext context)
    {
        if (context.Config.Timings.Drbd(t.Node) is not { } d) yield break;
        var lag = d.PeerLossMax - t.Detection.Min;
        if (lag <= d.RetryWindow.Value) yield break;
        yield return Found(Severity.Warning, At(t.Deadtime, t, context),
            $"Heartbeat on {t.Node} declares its peer dead after {S(t.Detection.Min)}–{S(t.Detection.Max)}, DRBD notices the lost peer up to {S(d.PeerLossMax)} after the fault " +
            $"({d.PeerLossSource}), and drbddisk retries the promotion for {S(d.RetryWindow.Value)} ({d.RetryWindow.Source})",
            "While DRBD still sees the old primary connected it refuses `drbdadm primary`; when drbddisk gives up first, the takeover fails and the resource group stays stopped on both nodes.",
            $"deadtime of at least {S(d.PeerLossMax - d.RetryWindow.Value + t.Keepalive.Value)}, or a shorter DRBD ping-int" +
            (d.Syntax == Drbd.DrbdSyntax.Drbd07 ? "; DRBD 8.4's drbddisk retries for 5 s, 0.7's does not retry at all." : "."), Drills.KillPrimary);
    }
}
