using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Core.Waiting;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.State;

namespace SanChaos.Labs.Recovery;

/// <summary>
/// Brings a disposable lab back to steady state before a drill: waits as <see cref="SteadyState"/> does and,
/// when a problem that does not heal by itself persists (see <see cref="RecoveryPlanner"/>), runs its repair,
/// records it in the run's history and says so. A drill that left the SAN broken has already failed on its own
/// steady-state check; this only keeps that failure from spilling into the next drill. A lab not marked
/// disposable is never repaired, only waited for.
/// </summary>
public static class Baseline
{
    /// <summary>
    /// Waits until every steady-state condition holds, repairing as described; returns the repairs that ran.
    /// Throws <see cref="SanChaosException"/> with the cluster's state, the repairs tried and what blocked the
    /// rest when <see cref="BaselineOptions.Timeout"/> passes.
    /// </summary>
    public static async Task<IReadOnlyList<RepairRecord>> RestoreAsync(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, BaselineOptions? options = null, CancellationToken ct = default)
    {
        options ??= new BaselineOptions();
        var time = options.SteadyState.Time;
        var catalog = options.SteadyState.Catalog ?? CommandCatalog.Default;
        var ctx = new ProbeContext(inventory, nodes, catalog, options.RepairTimeout);
        var portals = ctx.Portals;
        var firstSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        var firstSeenWall = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = new List<RepairRecord>();
        Diagnosis? last = null;
        ClusterState? lastState = null;

        async Task<Probe> Round(CancellationToken token)
        {
            var results = await SteadyState.CheckAsync(nodes, inventory, options.SteadyState, token).ConfigureAwait(false);
            var failing = results.FirstOrDefault(r => !r.Probe.Satisfied);
            if (failing is null) return Probe.Yes(string.Join("; ", results.Select(r => r.Condition)));
            var observed = $"{failing.Condition}: {failing.Probe.Observed}";
            if (!inventory.Disposable) return Probe.No(observed + " (the lab is not disposable: nothing is repaired)");

            lastState = await LabStatus.CollectAsync(nodes, inventory, catalog, time, token).ConfigureAwait(false);
            last = RecoveryPlanner.Plan(lastState, portals);
            var now = time.GetTimestamp();
            foreach (var stale in firstSeen.Keys.Except(last.Repairs.Select(r => r.Key)).ToArray())
            {
                firstSeen.Remove(stale);
                firstSeenWall.Remove(stale);
            }

            foreach (var repair in last.Repairs)
            {
                if (!firstSeen.TryGetValue(repair.Key, out var since))
                {
                    firstSeen[repair.Key] = now;
                    firstSeenWall[repair.Key] = lastState.TakenAt;
                    continue;
                }

                if (time.GetElapsedTime(since, now) < Max(options.Confirm, repair.Confirm) || attempts.GetValueOrDefault(repair.Key) >= options.MaxAttempts) continue;
                attempts[repair.Key] = attempts.GetValueOrDefault(repair.Key) + 1;
                firstSeen[repair.Key] = now;
                done.Add(await RunAsync(ctx, repair, firstSeenWall[repair.Key], lastState, options, token).ConfigureAwait(false));
            }

            return Probe.No(observed);
        }

        try
        {
            await Wait.UntilAsync("the lab back in steady state", Round, options.Timeout, options.Interval, time, ct: ct).ConfigureAwait(false);
            return done;
        }
        catch (WaitTimeoutException e)
        {
            var tried = done.Count == 0 ? "none" : string.Join("; ", done);
            var blockers = last is null || last.Blockers.Count == 0 ? "none" : string.Join("; ", last.Blockers);
            throw new SanChaosException(
                $"The lab did not return to steady state within {e.Timeout.TotalSeconds:0} s: {e.LastSeen}. Repairs tried: {tried}. " +
                $"Blocked by: {blockers}.{(lastState is null ? "" : Environment.NewLine + lastState.ToTable())}",
                "a previous drill left the SAN in a state this cannot repair safely: look at the state above and the nodes' logs " +
                "(/var/log/ha-log, dmesg), or rebuild it with `sanchaos lab down` and `sanchaos lab up`.", e);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan? b) => b is { } x && x > a ? x : a;

    private static async Task<RepairRecord> RunAsync(ProbeContext ctx, Repair repair, DateTimeOffset firstSeen, ClusterState before, BaselineOptions options,
        CancellationToken ct)
    {
        options.Output?.Invoke($"recovery: {repair}");
        var at = options.SteadyState.Time.GetUtcNow();
        var r = await ctx.ExecAsync(repair.Node, repair.Command, ct, repair.Portal is null ? null : v => v.With("portal", repair.Portal)).ConfigureAwait(false);
        var record = new RepairRecord(repair, r) { FirstSeen = firstSeen, At = at, Before = before };
        var kind = record.Kind;
        var data = new Dictionary<string, string>
        {
            ["node"] = repair.Node,
            ["command"] = repair.Command,
            ["reason"] = repair.Reason,
            ["exit"] = r.ExitCode.ToString(CultureInfo.InvariantCulture),
            ["done"] = record.Done,
            ["kind"] = kind.Name,
            ["class"] = kind.ClassWord,
            ["source"] = kind.Source,
            ["since"] = firstSeen.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["wrong_for_s"] = Math.Round((at - firstSeen).TotalSeconds, 1).ToString("0.0", CultureInfo.InvariantCulture),
        };
        if (kind.Checker is { } checker) data["checker"] = checker;
        if (options.Phase is { } phase) data["phase"] = phase;
        options.History?.Append(EventKinds.Recovery, repair.Node, record.ToString(), data);
        if (!r.Succeeded) options.Output?.Invoke($"recovery: {repair.Node} {repair.Command} failed: exit {r.ExitCode} {r.StandardError.Trim()}");
        options.OnRepair?.Invoke(record);
        return record;
    }
}
