using System.Diagnostics;
using System.Globalization;
using SanChaos.Labs.Uml;

namespace SanChaos.Bench;

/// <summary>
/// <c>lab-up</c>: how long the embedded lab takes to come up, cold (image built from scratch) and warm (image cached),
/// split into image, fabric and boot-to-SSH per node, and how much host memory its nodes hold.
/// <para>
/// Memory is measured two ways. Per node: PSS from <c>/proc/PID/smaps_rollup</c> summed over the distinct address
/// spaces of its UML process group (the kernel's helper threads share its address space and are counted once); a UML
/// node maps its guest memory (an unlinked file in /dev/shm) into the kernel and every guest process, and PSS divides
/// those shared pages among the mappers, so the sum counts each page once (RSS counts it once per mapper; shown for
/// comparison). Host-wide: the growth of <c>Shmem</c> and the fall of
/// <c>MemAvailable</c> in <c>/proc/meminfo</c> from before the lab to after it is up.
/// </para>
/// </summary>
internal static class LabUpBench
{
    private static int Concurrency { get; set; } = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        var cold = args.Contains("--cold");
        var keepCache = args.Contains("--keep-cache");
        var progress = args.Contains("--progress");
        var concurrencyAt = Array.IndexOf(args, "--boot-concurrency");
        Concurrency = concurrencyAt >= 0 && concurrencyAt + 1 < args.Length ? int.Parse(args[concurrencyAt + 1], CultureInfo.InvariantCulture) : 1;
        var holdAt = Array.IndexOf(args, "--hold");
        var hold = holdAt >= 0 && holdAt + 1 < args.Length ? TimeSpan.FromSeconds(double.Parse(args[holdAt + 1], CultureInfo.InvariantCulture)) : TimeSpan.Zero;
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        var key = await UmlLab.EnsureSshKeyAsync("/var/lib/sanchaos/embedded/id_ed25519", cts.Token).ConfigureAwait(false);
        string? coldCache = null;
        try
        {
            if (cold)
            {
                coldCache = $"/var/cache/sanchaos-bench-{Environment.ProcessId}";
                Console.WriteLine($"cold: building the image from scratch in {coldCache} (no package cache)");
                await OneUpAsync("cold", key, coldCache, progress, measureMemory: false, TimeSpan.Zero, cts.Token).ConfigureAwait(false);
            }

            await OneUpAsync("warm", key, coldCache, progress, measureMemory: true, hold, cts.Token).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (coldCache is not null && !keepCache && Directory.Exists(coldCache)) Directory.Delete(coldCache, recursive: true);
            else if (coldCache is not null) Console.WriteLine($"kept the cold cache: {coldCache}");
        }
    }

    private static async Task OneUpAsync(string label, string publicKey, string? cache, bool progress, bool measureMemory, TimeSpan hold, CancellationToken ct)
    {
        var runId = $"bench-{label}-{Environment.ProcessId % 100000}";
        var options = new UmlLabOptions
        {
            CacheDirectory = cache,
            SshPrivateKeyFile = "/var/lib/sanchaos/embedded/id_ed25519",
            BootConcurrency = Concurrency,
            Progress = progress ? new Progress<string>(Console.WriteLine) : null,
        };
        var before = MemInfo();
        var lab = UmlLab.Create(UmlTopology.SeedSan(runId, publicKey), options);
        await using (lab.ConfigureAwait(false))
        {
            await lab.UpAsync(ct).ConfigureAwait(false);
            var t = lab.UpTimings!;
            Console.WriteLine();
            Console.WriteLine($"== lab up, {label} (run {runId}, {Concurrency} node(s) booting at once) ==");
            Row("preflight + reap", t.Preflight);
            Row(t.ImageWasCached ? "image (cached)" : "image (built)", t.Image);
            Row("fabric (netns, bridges, taps, relay)", t.Fabric);
            foreach (var (node, took) in t.BootToSsh.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                Row($"boot to SSH: {node}", took);
            Row("total", t.Total);

            if (measureMemory)
            {
                var mem = lab.MeasureMemory();
                var after = MemInfo();
                Console.WriteLine();
                Console.WriteLine("== host memory of the nodes, just after up ==");
                Console.WriteLine($"{"node",-8} {"mem=",6} {"procs",5} {"PSS MiB",8} {"RSS MiB",8}");
                foreach (var m in mem.Values.OrderBy(m => m.Node, StringComparer.Ordinal))
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{m.Node,-8} {m.GuestMemoryMb,5}M {m.Processes,5} {m.PssKb / 1024.0,8:0.0} {m.RssKb / 1024.0,8:0.0}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{"sum",-8} {mem.Values.Sum(m => m.GuestMemoryMb),5}M {mem.Values.Sum(m => m.Processes),5} {mem.Values.Sum(m => m.PssKb) / 1024.0,8:0.0} {mem.Values.Sum(m => m.RssKb) / 1024.0,8:0.0}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"host /proc/meminfo: Shmem +{(after.Shmem - before.Shmem) / 1024.0:0.0} MiB, MemAvailable -{(before.Available - after.Available) / 1024.0:0.0} MiB"));
                Console.WriteLine("PSS = proportional set size summed over the distinct address spaces of each node's process group (shared guest memory counted once); RSS counts shared pages once per mapper.");
            }

            if (hold > TimeSpan.Zero)
            {
                Console.WriteLine($"holding the lab up for {hold.TotalSeconds:0} s (namespace {lab.Topology.Namespace}; Ctrl-C ends the hold)");
                try
                {
                    await Task.Delay(hold, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: go on to take the lab down.
                }
            }

            var down = Stopwatch.StartNew();
            await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
            Row("down", down.Elapsed);
        }
    }

    private static void Row(string what, TimeSpan t) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-40} {t.TotalSeconds,8:0.0} s"));

    private static (long Shmem, long Available) MemInfo()
    {
        long shmem = 0, avail = 0;
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] == "Shmem:") shmem = long.Parse(parts[1], CultureInfo.InvariantCulture);
            else if (parts[0] == "MemAvailable:") avail = long.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        return (shmem, avail);
    }
}
