using System.Diagnostics;
using System.Globalization;
using SanChaos.Core;
using SanChaos.Inventory.Loading;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.State;

namespace SanChaos.Bench;

/// <summary>
/// <c>san-up</c>: the embedded lab as users get it (<c>lab/embedded.yaml</c>, or <c>$SANCHAOS_LAB</c>): up with the
/// SAN provisioned to steady state, printed as a split (boot, Heartbeat membership, resource start, iSCSI login,
/// multipath ready...), the nodes' host memory, then how long the probes that drills and observers lean on take on
/// the running SAN: a whole-cluster snapshot (<c>sanchaos lab status</c>) and a full steady-state check.
/// </summary>
internal static class SanUpBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var samplesAt = Array.IndexOf(args, "--samples");
        var samples = samplesAt >= 0 && samplesAt + 1 < args.Length ? int.Parse(args[samplesAt + 1], CultureInfo.InvariantCulture) : 20;
        var progress = args.Contains("--progress");
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        var inventory = InventoryLoader.Load(InventoryLoader.ResolvePath(Repository.Root()));
        await using var lab = new EmbeddedLab(inventory, new LabOptions { Progress = progress ? Console.WriteLine : null });
        await lab.UpAsync(cts.Token).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine($"== SAN up, warm ({inventory.Name} from {inventory.SourcePath}) ==");
        Console.WriteLine(LabUpReportText.Render(lab.UpReport!));
        Console.WriteLine(LabUpReportText.Memory(lab.Substrate.MeasureMemory()));

        var snapshot = await TimeAsync(samples, () => LabStatus.CollectAsync(lab.Nodes, inventory, ct: cts.Token), cts.Token).ConfigureAwait(false);
        Print($"cluster snapshot (all nodes, {samples} samples)", snapshot);
        var steady = await TimeAsync(Math.Max(3, samples / 4), async () =>
        {
            var r = await SteadyState.CheckAsync(lab.Nodes, inventory, new SteadyStateOptions { RunId = "bench" }, cts.Token).ConfigureAwait(false);
            if (r.Any(x => !x.Probe.Satisfied)) Console.WriteLine("  (a steady-state check did not hold: " + string.Join("; ", r.Where(x => !x.Probe.Satisfied).Select(x => x.Condition)) + ")");
            return r;
        }, cts.Token).ConfigureAwait(false);
        Print($"steady-state check (5 conditions, {steady.Count} samples)", steady);
        await lab.DownAsync(cts.Token).ConfigureAwait(false);
        return 0;
    }

    private static async Task<List<double>> TimeAsync<T>(int n, Func<Task<T>> action, CancellationToken ct)
    {
        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            ct.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            await action().ConfigureAwait(false);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static void Print(string what, List<double> t) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: min {t[0]:0} ms, median {t[t.Count / 2]:0} ms, p90 {t[(int)Math.Min(t.Count - 1, Math.Ceiling(t.Count * 0.9) - 1)]:0} ms, max {t[^1]:0} ms"));
}
