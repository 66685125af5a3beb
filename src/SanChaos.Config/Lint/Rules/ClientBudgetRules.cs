using SanChaos.Config.Budget;

namespace SanChaos.Config.Lint.Rules;

/// <summary>
/// <c>mpath.no-path-retry</c>: what dm-multipath does with I/O while every path is down, against the failover budget of a
/// primary power loss: with fail (or too short a count) the takeover becomes application I/O errors.
/// </summary>
internal sealed class NoPathRetryRule() : ConfigRule("mpath.no-path-retry", "multipath queueing covers the takeover (no_path_retry against the failover budget)")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        var config = context.Config;
        var client = config.Clients.FirstOrDefault(c => c.Multipath is not null || c.MultipathShown is not null);
        if (client is null || config.Timings.Client is not { } t) yield break;
        var at = t.NoPathRetry.At ?? (client.Multipath ?? client.MultipathShown)!.File.At();
        var budget = FailoverBudget.For(FaultKind.PrimaryPowerLoss, config, context.Measured);
        var value = t.NoPathRetry.Value;
        if (value.Mode == Timing.NoPathRetryMode.Queue)
        {
            yield return Found(Severity.Info, at, $"no_path_retry queue ({t.NoPathRetry.Source}): I/O waits for a path however long it takes",
                $"A takeover becomes a stall ({budget.Stall}) rather than errors; but if the storage never comes back, every process touching the device hangs in D state.",
                $"A count that covers the takeover bounds the wait: {Needed(budget, t)}.", Drills.KillPrimary);
            yield break;
        }

        if (budget.ApplicationErrors == Expectation.No) yield break;
        var measured = context.Measured.ResourceGroupStart;
        yield return Found(budget.ApplicationErrors == Expectation.Yes ? Severity.Error : Severity.Warning, at,
            $"no_path_retry {value} ({t.NoPathRetry.Source}): after a primary power loss every path fails {budget.ErrorsFrom} after the fault, " +
            $"while the portals answer again only after the takeover (stall {budget.Stall}, with the group start {measured.Range} {(measured.IsMeasured ? "measured" : "not measured")})",
            $"The application gets I/O errors (EIO) for {budget.ErrorWindow} instead of waiting: file systems go read-only, databases crash. " +
            $"The session's recovery timeout is {t.RecoveryTimeout.Value.TotalSeconds:0.#} s ({t.RecoveryTimeout.Source}).",
            $"Queue through the takeover: {Needed(budget, t)}, in the overrides section (the built-in hardware table beats defaults); or `no_path_retry queue`.",
            Drills.KillPrimary);
    }

    private static string Needed(BudgetEstimate b, Timing.ClientTimings t)
    {
        var need = b.QueueingNeeded ?? TimeSpan.Zero;
        var count = Timing.NoPathRetry.Covering(need, t.PollingInterval.Value);
        return $"`no_path_retry {count}` ({count} × polling_interval {t.PollingInterval.Value.TotalSeconds:0.#} s = {(count.QueueTime(t.PollingInterval.Value) ?? TimeSpan.Zero).TotalSeconds:0} s, " +
               $"above the {Math.Ceiling(need.TotalSeconds):0} s the budget needs)";
    }
}

/// <summary><c>iscsi.replacement-timeout</c>: without dm-multipath the session's replacement_timeout alone decides when I/O fails.</summary>
internal sealed class ReplacementTimeoutRule() : ConfigRule("iscsi.replacement-timeout", "replacement_timeout covers the takeover when no dm-multipath queues")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        var config = context.Config;
        var client = config.Clients.FirstOrDefault(c => c.Iscsid is not null || c.IscsiRecords.Count > 0);
        if (client is null || client.Multipath is not null || client.MultipathShown is not null || config.Timings.Client is not { } t) yield break;
        var budget = FailoverBudget.For(FaultKind.PrimaryPowerLoss, config, context.Measured);
        if (budget.ApplicationErrors == Expectation.No) yield break;
        yield return Found(budget.ApplicationErrors == Expectation.Yes ? Severity.Error : Severity.Warning,
            t.ReplacementTimeout.At ?? (client.Iscsid?.File ?? client.File("iscsiadm-node-records.txt"))!.At(),
            $"replacement_timeout {t.ReplacementTimeout.Value.TotalSeconds:0.#} s ({t.ReplacementTimeout.Source}) ends before the takeover (stall {budget.Stall})",
            $"With no dm-multipath to queue, the session fails the application's I/O when replacement_timeout expires: EIO for {budget.ErrorWindow}.",
            $"node.session.timeo.replacement_timeout above {Math.Ceiling(budget.Stall.Max.TotalSeconds):0} in the node records (iscsiadm -o update) and iscsid.conf.",
            Drills.KillPrimary);
    }
}
