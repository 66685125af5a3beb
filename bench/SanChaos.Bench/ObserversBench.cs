using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Core.Waiting;
using SanChaos.Drills;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.State;
using SanChaos.Observers;
using SanChaos.Observers.Capture;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Bench;

/// <summary>
/// <c>observers</c>: the observers against reference tools on the embedded lab, in one run.
/// <list type="number">
/// <item>The probe's own cost: fio (QD1 4 KiB direct writes, its own region) alone, then with the probe running: fio's
/// writes/s and badger's CPU (guest /proc/stat) each time, and the probe's writes/s.</item>
/// <item>A power loss of the primary with every observer on, fio writing beside the probe (<c>--write_lat_log
/// --log_avg_msec=0 --continue_on_error=all</c>) and tcpdump on both storage bridges: the probe's stall against fio's
/// longest gap between successful writes, and the capture's GARP timestamps against tcpdump's (same frames), with the
/// kernel's drop counters.</item>
/// </list>
/// </summary>
internal static class ObserversBench
{
    private const string FioRegion = "--offset=100M --size=16M";

    public static async Task<int> RunAsync(string[] args)
    {
        var window = TimeSpan.FromSeconds(args.Contains("--short") ? 10 : 20);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var ct = cts.Token;
        var inventory = InventoryLoader.Load(InventoryLoader.ResolvePath(Repository.Root()));
        await using var lab = new EmbeddedLab(inventory, new LabOptions());
        var up = Stopwatch.StartNew();
        await lab.UpAsync(ct).ConfigureAwait(false);
        Console.WriteLine($"== lab up in {up.Elapsed.TotalSeconds:0.0} s (machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()})");
        var client = inventory.Clients[0].Name;
        var badger = lab.Nodes[client];
        var dir = Path.Combine(Repository.Root(), "reports", "bench", $"observers-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(dir);

        // 1. The probe's own cost.
        Console.WriteLine($"== probe cost ({window.TotalSeconds:0} s windows, fio QD1 4 KiB direct writes at 100 MiB)");
        var idle = await CpuAsync(badger, window, ct).ConfigureAwait(false);
        var alone = await FioWindowAsync(badger, window, ct).ConfigureAwait(false);
        var run = new RunContext();
        var probe = new IoProbeObserver(new IoProbeOptions());
        await probe.StartAsync(new ObserverContext(run, inventory, lab.Nodes, Path.Combine(dir, "cost")), ct).ConfigureAwait(false);
        var probeOnly = await CpuAsync(badger, window, ct).ConfigureAwait(false);
        var withProbe = await FioWindowAsync(badger, window, ct).ConfigureAwait(false);
        await probe.StopAsync(ct).ConfigureAwait(false);
        var a = probe.Analysis!;
        Console.WriteLine($"  badger CPU busy: idle {idle:0.0} %, probe alone {probeOnly:0.0} %");
        Console.WriteLine($"  fio alone: {alone.Iops:0} writes/s, badger CPU {alone.Cpu:0.0} %");
        Console.WriteLine($"  fio with the probe: {withProbe.Iops:0} writes/s ({(withProbe.Iops / alone.Iops - 1) * 100:+0.0;-0.0} %), badger CPU {withProbe.Cpu:0.0} %");
        Console.WriteLine($"  probe: {a.Total.Ok} acknowledged writes, {a.Total.WritesPerSecond:0} writes/s over its run, latency p50 {a.Latency.P50.TotalMilliseconds:0.00} ms p99 {a.Latency.P99.TotalMilliseconds:0.00} ms");

        // 2. Failover: probe vs fio, capture vs tcpdump.
        Console.WriteLine("== primary power loss: probe vs fio, capture vs tcpdump");
        run = new RunContext();
        var catalog = new FaultCatalog(lab);
        var faults = new FaultSet(run, inventory);
        var ns = lab.Substrate.Topology.Namespace;
        var tcpdumps = inventory.Networks.Where(n => n.Purpose.ToString().StartsWith("Storage", StringComparison.OrdinalIgnoreCase))
            .Select(n => (Network: n.Name, File: Path.Combine(dir, $"tcpdump-{n.Name}.pcap"),
                Process: Process.Start("ip", ["netns", "exec", ns, "tcpdump", "-i", lab.Substrate.BridgeDevice(n.Name), "-U", "-n", "-w",
                    Path.Combine(dir, $"tcpdump-{n.Name}.pcap"), "--time-stamp-precision=micro", "arp"])!)).ToArray();
        var observers = new ObserverSet(DrillObservers.For(lab));
        await observers.StartAsync(new ObserverContext(run, inventory, lab.Nodes, Path.Combine(dir, "failover")), ct).ConfigureAwait(false);
        var io = observers.Observers.OfType<IoProbeObserver>().Single();
        await badger.ExecAsync("rm -f /tmp/bench_lat.*.log /tmp/bench.json; echo $EPOCHREALTIME > /tmp/bench.start; nohup timeout 400 fio --name=bench --filename=/dev/mapper/mpio --direct=1 --rw=write --bs=4k " +
                               $"--iodepth=1 {FioRegion} --time_based --runtime=390 --write_lat_log=/tmp/bench --log_avg_msec=0 --continue_on_error=all " +
                               "--output-format=json --output=/tmp/bench.json >/dev/null 2>&1 &", TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        var fioStarted = DateTimeOffset.UtcNow;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(8), ct).ConfigureAwait(false);
            await faults.InjectAsync(catalog.KillPrimary(), ct).ConfigureAwait(false);
            var injected = DateTimeOffset.UtcNow;
            await Wait.UntilAsync("writes succeed again through the multipath device", _ =>
            {
                return Task.FromResult(io.Snapshot().AcknowledgedAfter(injected + TimeSpan.FromSeconds(15)) > 0 ? Probe.Yes() : Probe.No("not yet"));
            }, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(1), ct: ct).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        }
        finally
        {
            await faults.HealAllAsync(CancellationToken.None).ConfigureAwait(false);
            await SteadyState.WaitAsync(lab.Nodes, inventory, TimeSpan.FromMinutes(5), CancellationToken.None).ConfigureAwait(false);
            await badger.ExecAsync("pkill -INT -x fio; for i in $(seq 30); do pgrep -x fio >/dev/null || break; sleep 1; done", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            await observers.DisposeAsync().ConfigureAwait(false);
            foreach (var t in tcpdumps)
            {
                t.Process.Kill();
                await t.Process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        HistoryFile.Write(Path.Combine(dir, "failover", "history.jsonl"), run.History.Events);
        var stall = io.Analysis!.LongestStall!;
        Console.WriteLine($"  probe: stall {stall.Duration.TotalSeconds:0.000} s ({stall.Start:HH:mm:ss.fff} to {stall.End:HH:mm:ss.fff}); " +
                          string.Join("; ", io.Analysis.ErrorWindows.Select(w => $"errors {w.Count} from {w.First:HH:mm:ss.fff} to {w.Last:HH:mm:ss.fff} ({(w.Last - w.First).TotalSeconds:0.000} s)")));
        var fio = await FioGapAsync(badger, ct).ConfigureAwait(false);
        if (fio is { } g)
        {
            var diff = Math.Abs(g.Gap.TotalSeconds - stall.Duration.TotalSeconds);
            const double bound = 0.25;
            Console.WriteLine($"  fio:   longest gap between successful writes {g.Gap.TotalSeconds:0.000} s ({g.From:HH:mm:ss.fff} to {g.To:HH:mm:ss.fff}), {g.Errors} failed writes (fio logs no time for them)");
            Console.WriteLine($"  stall difference {diff:0.000} s, bound {bound:0.000} s: {(diff <= bound ? "AGREE" : "DISAGREE")}; " +
                              $"fio's window starts {(g.From - stall.Start).TotalMilliseconds:+0;-0} ms and ends {(g.To - stall.End).TotalMilliseconds:+0;-0} ms from the probe's (fio's start-up offset included)");
        }

        foreach (var t in tcpdumps)
        {
            var ours = await PcapReader.ReadFileAsync(Path.Combine(dir, "failover", $"capture-{t.Network}.pcap"), ct).ConfigureAwait(false);
            var theirs = await PcapReader.ReadFileAsync(t.File, ct).ConfigureAwait(false);
            var garps = theirs.Where(f => ArpDecoder.Decode(f, t.Network) is { IsGratuitous: true }).ToArray();
            var deltas = garps.Select(f => ours.Where(o => o.Data.AsSpan().SequenceEqual(f.Data)).Select(o => Math.Abs((o.Time - f.Time).TotalMilliseconds)).DefaultIfEmpty(double.NaN).Min()).ToArray();
            var stats = run.History.Events.FirstOrDefault(e => e.Kind == NetEventKinds.CaptureStats && e.Data.GetValueOrDefault(NetEventKeys.Network) == t.Network);
            // The figure a drill reports (first GARP on the network after the fault's physical moment) against tcpdump's
            // first gratuitous ARP after that same moment, read from its own file.
            if (FaultMoment.TimeOf(run.History.Events) is { } moment)
            {
                var oursFirst = run.History.Events.Where(e => e.Kind == NetEventKinds.Garp && e.Data.GetValueOrDefault("network") == t.Network && e.Wall >= moment)
                    .OrderBy(e => e.Wall).FirstOrDefault();
                var theirsFirst = garps.Where(f => f.Time >= moment).OrderBy(f => f.Time).Select(f => (CapturedFrame?)f).FirstOrDefault();
                if (oursFirst is null || theirsFirst is null)
                    Console.WriteLine($"  {t.Network}: first GARP after the fault ({moment:HH:mm:ss.fff}): ours {(oursFirst is null ? "none" : "seen")}, tcpdump's {(theirsFirst is null ? "none" : "seen")}: CANNOT COMPARE");
                else
                {
                    var d = (oursFirst.Wall - theirsFirst.Value.Time).TotalMilliseconds;
                    Console.WriteLine($"  {t.Network}: first GARP after the fault ({moment:HH:mm:ss.fff}, {PhysicalMoment.SourceOf(FaultMoment.Of(run.History.Events)!)}): " +
                                      $"figure +{(oursFirst.Wall - moment).TotalSeconds:0.000} s, tcpdump +{(theirsFirst.Value.Time - moment).TotalSeconds:0.000} s, " +
                                      $"difference {d:0.000} ms, bound 100 ms: {(Math.Abs(d) <= 100 ? "AGREE" : "DISAGREE")}");
                }
            }

            Console.WriteLine($"  {t.Network}: {garps.Length} GARP frames in tcpdump's file, {deltas.Count(d => !double.IsNaN(d))} found in ours; |Δt| max {deltas.Where(d => !double.IsNaN(d)).DefaultIfEmpty(double.NaN).Max():0.000} ms, " +
                              $"mean {deltas.Where(d => !double.IsNaN(d)).DefaultIfEmpty(double.NaN).Average():0.000} ms; kernel drops: received {stats?.Data.GetValueOrDefault(NetEventKeys.Received)}, dropped {stats?.Data.GetValueOrDefault(NetEventKeys.Dropped)}, if-dropped {stats?.Data.GetValueOrDefault(NetEventKeys.InterfaceDropped)}");
        }

        foreach (var f in ScenarioFigures.From(run.History.Events)) Console.WriteLine($"  {f.Name}: {f.Value} {f.Detail}");
        Console.WriteLine($"files: {dir}");
        await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
        _ = fioStarted;
        return 0;
    }

    /// <summary>badger's CPU busy share over <paramref name="window"/> from its /proc/stat.</summary>
    private static async Task<double> CpuAsync(INode node, TimeSpan window, CancellationToken ct)
    {
        var r = await node.ExecAsync($"head -1 /proc/stat; sleep {window.TotalSeconds:0}; head -1 /proc/stat", window + TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        return Busy(r.StandardOutput);
    }

    private static double Busy(string twoStatLines)
    {
        var l = twoStatLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(x => x.StartsWith("cpu ", StringComparison.Ordinal))
            .Select(x => x.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var total = l[1].Sum() - l[0].Sum();
        var idle = (l[1][3] + l[1][4]) - (l[0][3] + l[0][4]);
        return total <= 0 ? 0 : 100 * (total - idle) / total;
    }

    private static async Task<(double Iops, double Cpu)> FioWindowAsync(INode node, TimeSpan window, CancellationToken ct)
    {
        var r = await node.ExecAsync($"head -1 /proc/stat; fio --name=cost --filename=/dev/mapper/mpio --direct=1 --rw=write --bs=4k --iodepth=1 {FioRegion} " +
                                     $"--time_based --runtime={window.TotalSeconds:0} --output-format=json --output=/tmp/cost.json >/dev/null; head -1 /proc/stat; cat /tmp/cost.json",
            window + TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        var text = r.StandardOutput;
        var json = text[text.IndexOf('{', StringComparison.Ordinal)..];
        using var doc = JsonDocument.Parse(json);
        var iops = doc.RootElement.GetProperty("jobs")[0].GetProperty("write").GetProperty("iops").GetDouble();
        return (iops, Busy(text[..text.IndexOf('{', StringComparison.Ordinal)]));
    }

    /// <summary>fio's longest interval between successful completions (its latency log omits failed I/Os).</summary>
    private static async Task<(TimeSpan Gap, DateTimeOffset From, DateTimeOffset To, long Errors)?> FioGapAsync(INode node, CancellationToken ct)
    {
        var r = await node.ExecAsync("cat /tmp/bench.start; cat /tmp/bench.json; echo '=== lat'; cat /tmp/bench_lat.1.log", TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        var parts = r.StandardOutput.Split("=== lat\n");
        if (parts.Length != 2) return null;
        var brace = parts[0].IndexOf('{', StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(parts[0][brace..]);
        var job = doc.RootElement.GetProperty("jobs")[0];
        // fio 3.33's JSON has no job start: the node's clock just before fio was launched (fio's own start-up, tens of
        // milliseconds under UML, shifts the window's position, not its length).
        if (Observers.Timeline.NodeLine.FromEpochSeconds(parts[0].Split('\n')[0]) is not { } start) return null;
        var errors = job.TryGetProperty("total_err", out var e) ? e.GetInt64() : -1;
        var times = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => long.Parse(l.Split(',')[0].Trim(), CultureInfo.InvariantCulture)).ToArray();
        var best = (Gap: TimeSpan.Zero, From: start, To: start);
        for (var i = 1; i < times.Length; i++)
        {
            var gap = TimeSpan.FromMilliseconds(times[i] - times[i - 1]);
            if (gap > best.Gap) best = (gap, start.AddMilliseconds(times[i - 1]), start.AddMilliseconds(times[i]));
        }

        return (best.Gap, best.From, best.To, errors);
    }
}
