using SanChaos.Core.Errors;
using SanChaos.Core.Secrets;
using SanChaos.Core.Waiting;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// Turns running nodes into the SAN the inventory describes: an ordered plan of idempotent steps (see
/// <see cref="Plan"/>), each with its commands from commands.yaml, a skip check, and a wait. Safe to run
/// again on a provisioned lab: meta data is only created on a disk without it, the forced promotion only
/// happens when both disks are Inconsistent, PV/VG/LV only when absent and never while Heartbeat owns them,
/// services only started when stopped. Also brings a node back after a power cycle (DRBD up, heartbeat).
/// </summary>
/// <remarks>
/// Storage track: configuration files → kernel modules → DRBD meta data → DRBD up → connected → initial sync
/// (or its skip on blank disks) → in sync → LVM volume → Heartbeat start → membership → resource group. Client
/// track, alongside: configuration files → kernel modules → iscsid → iSCSI node records, then (after the storage
/// track) login → LUN WWID check → multipathd (map with one active path per floating IP). Errors are
/// <see cref="Core.Commands.CommandFailedException"/> (node, command, exit, output, remedy) or
/// <see cref="WaitTimeoutException"/> (condition, last observation, remedy).
/// </remarks>
public sealed class Provisioner
{
    private readonly LabInventory inventory;
    private readonly IReadOnlyDictionary<string, INode> nodes;
    private readonly ProvisionerOptions options;
    private readonly SutRenderer renderer;

    /// <summary>Creates a provisioner for <paramref name="inventory"/> over <paramref name="nodes"/>.</summary>
    /// <param name="inventory">The validated inventory.</param>
    /// <param name="nodes">Every inventory node, reachable, by name.</param>
    /// <param name="options">Timeouts and collaborators; defaults suit the embedded lab.</param>
    public Provisioner(LabInventory inventory, IReadOnlyDictionary<string, INode> nodes, ProvisionerOptions? options = null)
    {
        this.inventory = inventory;
        this.nodes = nodes;
        this.options = options ?? new ProvisionerOptions();
        renderer = this.options.Renderer ?? new SutRenderer();
        SutValueBuilder.CheckTarget(inventory, renderer.Catalog);
    }

    /// <summary>The plan, stage by stage (for display: <see cref="ProvisionStep.ToString"/> lists the commands).</summary>
    public IReadOnlyList<ProvisionStage> Plan() => Builder(new ProvisionRun(ComputedWwid())).Build();

    /// <summary>
    /// Runs the plan: steps of a stage in parallel, stages of a track in order, tracks side by side (see
    /// <see cref="ProvisionStage"/>). A failure cancels the rest and is rethrown.
    /// </summary>
    /// <param name="progress">Called (synchronously, possibly from several threads) when a step starts, is skipped, completes or fails.
    /// Details (what a step saw, the command it skipped on, why it failed) are redacted (<see cref="Redactor"/>), in the events and the report.</param>
    /// <param name="ct">Cancels provisioning.</param>
    public async Task<ProvisionReport> RunAsync(Action<StepEvent>? progress = null, CancellationToken ct = default)
    {
        var missing = inventory.Nodes.Select(n => n.Name).Where(n => !nodes.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
            throw new SanChaosException($"Cannot provision lab {inventory.Name}: no connection to {string.Join(", ", missing)}.",
                "bring every node of the inventory up and reachable over SSH first (`sanchaos lab up` does).");

        var run = new ProvisionRun(ComputedWwid());
        var stages = Builder(run).Build();
        var time = options.Time;
        var start = time.GetTimestamp();
        var timings = new List<StepTiming>();
        var gate = new object();

        // Tracks run side by side; the first failure cancels the others (a stage waiting for a failed track fails too).
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tracks = stages.GroupBy(s => s.Track).ToArray();
        var finished = tracks.ToDictionary(t => t.Key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var unknown = stages.SelectMany(s => s.After).FirstOrDefault(t => !finished.ContainsKey(t));
        if (unknown is not null) throw new InvalidOperationException($"A provisioning stage waits for track '{unknown}', which has no stage.");
        var runs = tracks.Select(t => RunTrackAsync(t.Key, t.ToArray())).ToArray();
        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch
        {
            // Rethrow the failure that started it (not a track's cancellation by it), in plan order.
            var first = runs.FirstOrDefault(t => t.IsFaulted && t.Exception!.InnerException is not OperationCanceledException)
                        ?? runs.First(t => t.IsFaulted || t.IsCanceled);
            await first.ConfigureAwait(false);
            throw;
        }

        return new ProvisionReport(timings, time.GetElapsedTime(start), run.Wwid, run.Notes);

        async Task RunTrackAsync(string track, ProvisionStage[] own)
        {
            try
            {
                foreach (var stage in own)
                {
                    foreach (var other in stage.After) await finished[other].Task.WaitAsync(failed.Token).ConfigureAwait(false);
                    await Task.WhenAll(stage.Steps.Select(step => RunStepAsync(stage, step))).ConfigureAwait(false);
                }

                finished[track].TrySetResult();
            }
            catch (Exception e)
            {
                finished[track].TrySetException(e);
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        async Task RunStepAsync(ProvisionStage stage, ProvisionStep step)
        {
            if (step.Node is { } on && options.NodeReady is { } ready) await ready(on, failed.Token).ConfigureAwait(false);
            var at = time.GetElapsedTime(start);
            progress?.Invoke(new StepEvent(StepEventKind.Started, stage.Name, step.Name, step.Where, step.Phase, at, null, null));
            try
            {
                var (skipped, seen) = await ExecuteAsync(step, failed.Token).ConfigureAwait(false);
                var detail = Redactor.Redact(seen);
                var now = time.GetElapsedTime(start);
                lock (gate) timings.Add(new StepTiming(stage.Name, step.Name, step.Where, step.Phase, at, now - at, skipped, detail));
                progress?.Invoke(new StepEvent(skipped ? StepEventKind.Skipped : StepEventKind.Completed, stage.Name, step.Name, step.Where, step.Phase, now, now - at, detail));
            }
            catch (OperationCanceledException) when (failed.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                var now = time.GetElapsedTime(start);
                progress?.Invoke(new StepEvent(StepEventKind.Cancelled, stage.Name, step.Name, step.Where, step.Phase, now, now - at,
                    "stopped: a step of another track failed"));
                throw;
            }
            catch (Exception e)
            {
                var now = time.GetElapsedTime(start);
                progress?.Invoke(new StepEvent(StepEventKind.Failed, stage.Name, step.Name, step.Where, step.Phase, now, now - at,
                    Redactor.Redact(e is SanChaosException s ? s.Problem : e.Message)));
                throw;
            }
        }
    }

    private async Task<(bool Skipped, string? Detail)> ExecuteAsync(ProvisionStep step, CancellationToken ct)
    {
        if (step.SkipWhen is not null && await step.SkipWhen(ct).ConfigureAwait(false) is { } reason) return (true, reason);
        var node = step.Node is null ? null : nodes[step.Node];
        if (node is not null && step.SkipIf is not null)
        {
            var r = await node.ExecAsync(step.SkipIf, options.CommandTimeout, ct).ConfigureAwait(false);
            if (r.Succeeded) return (true, $"already done (`{step.SkipIf}` exited 0)");
        }

        if (node is not null)
        {
            foreach (var c in step.Commands)
                await node.RunAsync(c, options.CommandTimeout, step.Remedy, ct).ConfigureAwait(false);
            if (step.Files.Count > 0)
                await node.UploadAllAsync(step.Files.Select(f => new NodeFile(f.Path, f.Content, f.Mode)).ToArray(), ct).ConfigureAwait(false);
        }

        string? detail = null;
        if (step.Action is not null) detail = await step.Action(ct).ConfigureAwait(false);
        if (step.Wait is { } w)
            detail = (await Wait.UntilAsync(w.Condition, w.Check, w.Timeout, options.Interval, options.Time, w.Remedy, ct).ConfigureAwait(false)).Observed;
        return (false, detail);
    }

    private string ComputedWwid() => SutValues.For(inventory, null, renderer.Catalog).Wwid;

    private ProvisionPlanBuilder Builder(ProvisionRun run) => new(inventory, nodes, options, renderer, run);
}
