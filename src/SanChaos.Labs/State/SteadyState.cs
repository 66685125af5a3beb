using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>
/// The SAN's steady state, condition by condition: DRBD Connected and UpToDate/UpToDate on both storage
/// nodes; the resource group on exactly one node (Heartbeat running on both); every floating IP answering
/// the client on its storage network; the client's multipath map with one active path per floating IP; a
/// 4 KiB block written through the map reading back identical.
/// </summary>
public static class SteadyState
{
    /// <summary>The conditions, in the order they are checked (cheap and fundamental first).</summary>
    public static IReadOnlyList<ISteadyStateCondition> Conditions(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, SteadyStateOptions? options = null)
    {
        options ??= new SteadyStateOptions();
        var ctx = new ProbeContext(inventory, nodes, options.Catalog ?? CommandCatalog.Default, options.CommandTimeout);
        var list = new List<ISteadyStateCondition> { new DrbdCondition(ctx, DrbdExpectation.ConnectedUpToDate), new ResourceGroupCondition(ctx) };
        if (ctx.Client is { } client)
        {
            list.Add(new FloatingIpsReachableCondition(ctx, client));
            list.Add(new MultipathPathsCondition(ctx, client));
            if (options.WriteProbe) list.Add(new WriteReadBackCondition(ctx, client, options.RunId, options.Seed));
        }

        return list;
    }

    /// <summary>
    /// DRBD alone: Connected and UpToDate/UpToDate on every storage node, from <c>/proc/drbd</c> only (drills wait on
    /// it without paying for a whole-cluster snapshot, so a "within" budget measures the SAN, not the probe).
    /// </summary>
    public static ISteadyStateCondition Drbd(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, SteadyStateOptions? options = null)
    {
        options ??= new SteadyStateOptions();
        var ctx = new ProbeContext(inventory, nodes, options.Catalog ?? CommandCatalog.Default, options.CommandTimeout);
        return new DrbdCondition(ctx, DrbdExpectation.ConnectedUpToDate);
    }

    /// <summary>
    /// The write-then-read-back probe through the client's multipath device alone (drills use it to show
    /// that I/O still flows); null when the inventory has no client.
    /// </summary>
    public static ISteadyStateCondition? WriteReadBack(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, SteadyStateOptions? options = null)
    {
        options ??= new SteadyStateOptions();
        var ctx = new ProbeContext(inventory, nodes, options.Catalog ?? CommandCatalog.Default, options.CommandTimeout);
        return ctx.Client is { } client ? new WriteReadBackCondition(ctx, client, options.RunId, options.Seed) : null;
    }

    /// <summary>
    /// A cheap gate (see <see cref="GatedCondition"/>): the iSCSI target, the resource group's last resource, reports
    /// running on one of <paramref name="on"/> (default: any storage node). Each check waits up to
    /// <paramref name="window"/> in a loop on the nodes, one SSH session per node. A node that is down counts as
    /// not running it.
    /// </summary>
    public static ISteadyStateCondition TargetRunning(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, TimeSpan window, IReadOnlyList<string>? on = null, SteadyStateOptions? options = null)
    {
        options ??= new SteadyStateOptions();
        var ctx = new ProbeContext(inventory, nodes, options.Catalog ?? CommandCatalog.Default, options.CommandTimeout);
        return new TargetRunningGate(ctx, window, on);
    }

    /// <summary>Checks every condition once; a check that throws counts as not holding, with the error as observation.</summary>
    public static async Task<IReadOnlyList<SteadyStateResult>> CheckAsync(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, SteadyStateOptions? options = null, CancellationToken ct = default)
    {
        var results = new List<SteadyStateResult>();
        foreach (var c in Conditions(nodes, inventory, options))
        {
            Probe p;
            try
            {
                p = await c.CheckAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
            {
                p = Probe.No($"{e.GetType().Name}: {(e is SanChaosException s ? s.Problem : e.Message)}");
            }

            results.Add(new SteadyStateResult(c.Name, p));
        }

        return results;
    }

    /// <summary>
    /// Waits until every condition holds, one after the other with <see cref="Wait.UntilAsync"/>, within one
    /// overall <paramref name="timeout"/>. Throws <see cref="WaitTimeoutException"/> naming the first condition
    /// that did not hold and its last observation.
    /// </summary>
    /// <param name="nodes">The lab's nodes by name.</param>
    /// <param name="inventory">The inventory.</param>
    /// <param name="timeout">Budget for all conditions together.</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <param name="options">Interval, clock, probe marker; defaults as in <see cref="SteadyStateOptions"/>.</param>
    /// <returns>The satisfied probes, in order.</returns>
    public static async Task<IReadOnlyList<SteadyStateResult>> WaitAsync(
        IReadOnlyDictionary<string, INode> nodes, LabInventory inventory, TimeSpan timeout, CancellationToken ct = default,
        SteadyStateOptions? options = null)
    {
        options ??= new SteadyStateOptions();
        var start = options.Time.GetTimestamp();
        var results = new List<SteadyStateResult>();
        foreach (var c in Conditions(nodes, inventory, options))
        {
            var remaining = timeout - options.Time.GetElapsedTime(start);
            if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
            var p = await Wait.UntilAsync(c.Name, c.CheckAsync, remaining, options.Interval, options.Time, c.Remedy, ct).ConfigureAwait(false);
            results.Add(new SteadyStateResult(c.Name, p));
        }

        return results;
    }
}
