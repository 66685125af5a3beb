using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>
/// The cheap sign that a resource group has finished starting: the iSCSI target, its last resource, reports
/// running on some storage node. Each check waits on every storage node at once, up to <c>window</c>, in a loop
/// that runs on the node (commands.yaml <c>target_wait</c>): one SSH session per node and window rather than one
/// per second. A gate for <see cref="GatedCondition"/>, never a verdict on its own.
/// </summary>
internal sealed class TargetRunningGate(ProbeContext ctx, TimeSpan window, IReadOnlyList<string>? on = null) : ISteadyStateCondition
{
    private IReadOnlyList<string> Nodes => on ?? ctx.StorageNodes;

    public string Name => $"{ctx.Values()["target_agent"]} running on {(on is null ? "a storage node" : string.Join(" or ", on))}";

    public string Remedy => "";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var first = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waits = Nodes.Select(async node =>
        {
            CommandResult r;
            try
            {
                r = await ctx.ExecAsync(node, "target_wait", first.Token, v => v.With("seconds", seconds)).ConfigureAwait(false);
            }
            catch (SanChaosException e)
            {
                r = new CommandResult(-1, "", $"unreachable: {e.Problem}"); // a node that is down runs no target
            }

            if (r.Succeeded) await first.CancelAsync().ConfigureAwait(false); // the others need not wait out their window
            return (Node: node, Result: r);
        }).ToArray();
        var seen = new List<string>();
        foreach (var w in waits)
        {
            try
            {
                var (node, r) = await w.ConfigureAwait(false);
                if (r.Succeeded) return Probe.Yes($"target running on {node}");
                seen.Add(r.ExitCode < 0 ? $"{node}: {r.StandardError}" : $"{node}: not within {seconds} s (exit {r.ExitCode})");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // another node answered first
            }
        }

        return Probe.No($"target not running ({string.Join(", ", seen)})");
    }
}
