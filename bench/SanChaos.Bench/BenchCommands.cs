using SanChaos.Core.Errors;

namespace SanChaos.Bench;

/// <summary>Command-line entry of the benchmarks: <c>dotnet run --project bench/SanChaos.Bench -c Release -- &lt;bench&gt;</c>.</summary>
internal static class BenchCommands
{
    private const string Usage = """
        usage: SanChaos.Bench <benchmark> [options]

          lab-up [--cold] [--keep-cache] [--progress] [--hold SECONDS] [--boot-concurrency N]
              Brings the embedded lab (the seeds' otter, weasel, badger) up and down and prints where the time
              went: image (build or cached), fabric, boot to SSH per node, total; then host memory per node.
              --cold        build the image from scratch in a temporary cache (package downloads included),
                            then bring the lab up again with it (warm); default: warm only, with the normal cache
              --keep-cache  with --cold: keep the temporary cache (its path is printed)
              --progress    print each step as it happens
              --hold N      keep the (warm) lab up N seconds before taking it down, to look at it
              --boot-concurrency N
                            nodes booting at once (default 1: sequential boots are faster in all on 2 cores)

          san-up [--samples N] [--progress]
              Brings the embedded lab up with the SAN provisioned to steady state (as `sanchaos lab up`), prints
              the split (boot, Heartbeat membership, resource start, iSCSI login, multipath ready, steady state)
              and the nodes' memory, then times N whole-cluster snapshots (default 20) and N/4 full steady-state
              checks on the running SAN, and takes the lab down.

          observers [--short]
              Brings the embedded lab up and measures the observers against reference tools: the I/O probe's own
              cost (fio alone vs fio beside the probe, badger's CPU), then a power loss of the primary with fio and
              tcpdump running beside the observers: the probe's stall against fio's longest gap between successful
              writes (must agree within 5 % or 250 ms) and the capture's GARP timestamps against tcpdump's (within
              1 ms, kernel drops 0). Files under reports/bench/. --short: 10 s cost windows instead of 20 s.

          soak [--drills N] [--filter EXPR]
              On the lab a keeper holds (`sanchaos lab up --detach`), runs the drills of EXPR (default the primary power
              loss with multipath queueing: Category=kill-primary&Category=smoke) N times back to back (default 20), each
              as a `dotnet test` run of its own, and prints every verdict, the failures not caused by the SAN, and what
              leaked on the host (UML and ssh processes, the keeper's descriptors, namespaces, /dev/shm files). Exit 1 on
              a failure not caused by the SAN or a leak. Results under reports/bench/soak-<time>/.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            switch (args[0])
            {
                case "lab-up":
                    return await LabUpBench.RunAsync(args[1..]).ConfigureAwait(false);
                case "san-up":
                    return await SanUpBench.RunAsync(args[1..]).ConfigureAwait(false);
                case "soak":
                    return await SoakBench.RunAsync(args[1..]).ConfigureAwait(false);
                case "observers":
                    return await ObserversBench.RunAsync(args[1..]).ConfigureAwait(false);
                default:
                    Console.Error.WriteLine($"unknown benchmark '{args[0]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (SanChaosException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
