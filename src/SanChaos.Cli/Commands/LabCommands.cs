using System.CommandLine;
using System.Runtime.InteropServices;
using SanChaos.Core.Waiting;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Remote;
using SanChaos.Labs.State;
using SanChaos.Labs.Uml;
using SanChaos.Session;

namespace SanChaos.Cli.Commands;

/// <summary><c>sanchaos lab up|status|down</c> for the lab named by $SANCHAOS_LAB.</summary>
internal static partial class LabCommands
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static Command Build()
    {
        var lab = new Command("lab", "Bring the lab named by $SANCHAOS_LAB (default lab/embedded.yaml) up, show its state, take it down.");
        var up = new Command("up",
            "Build or reuse the image, boot, provision, wait for steady state, print where the time went. The embedded lab's PDU and " +
            "serial cable live in this process: it stays in the foreground until Ctrl-C or `sanchaos lab down`, then takes the lab down.");
        var exit = new Option<bool>("--exit") { Description = "Take the lab down as soon as it reached steady state (a smoke test of lab up)." };
        up.Options.Add(exit);
        up.SetGuardedAction((parse, ct) => UpAsync(parse.GetValue(exit), ct));
        var status = new Command("status", "Each node: up, DRBD role and disk state, resource holder, floating IPs, iSCSI sessions, multipath paths.");
        status.SetGuardedAction((_, ct) => StatusAsync(ct));
        var down = new Command("down", "Stop everything the lab created and remove it (also reaps leftovers of killed runs).");
        down.SetGuardedAction((_, ct) => DownAsync(ct));
        lab.Subcommands.Add(up);
        lab.Subcommands.Add(status);
        lab.Subcommands.Add(down);
        lab.Subcommands.Add(LabHandsCommands.Ssh());
        lab.Subcommands.Add(LabHandsCommands.Console());
        return lab;
    }

    /// <summary>How a user of the CLI runs <c>lab up</c> as root (the embedded lab's preflight remedy).</summary>
    private const string RunUpAsRoot = "run `sudo sanchaos lab up`.";

    /// <summary>The inventory $SANCHAOS_LAB names (default lab/embedded.yaml).</summary>
    private static Inventory.Model.LabInventory LoadInventory() => InventoryLoader.Load(InventoryLoader.ResolvePath(SharedLab.RepositoryRoot()));

    private static async Task<int> UpAsync(bool exitWhenUp, CancellationToken ct)
    {
        var inventory = LoadInventory();
        // Before the lab lock (under /var/lib/sanchaos) and anything else: a non-root user or a missing /dev/net/tun reads why.
        LabFactory.Preflight(inventory, RunUpAsRoot);
        var t0 = TimeProvider.System.GetTimestamp();
        void Say(string line) => Console.Error.WriteLine($"[{TimeProvider.System.GetElapsedTime(t0).TotalSeconds,6:0.0}s] {line}");
        using var labLock = await LabLock.AcquireAsync(TimeSpan.FromMinutes(1), Say, ct: ct).ConfigureAwait(false);
        await using var lab = LabFactory.Create(inventory, new LabOptions { Progress = Say });
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var link = CancellationTokenSource.CreateLinkedTokenSource(ct, stop.Token);
        await lab.UpAsync(link.Token).ConfigureAwait(false);
        if (lab is EmbeddedLab { UpReport: { } r } embedded)
        {
            Console.WriteLine(LabUpReportText.Render(r));
            Console.WriteLine(LabUpReportText.Memory(embedded.Substrate.MeasureMemory()));
        }

        Console.WriteLine((await LabStatus.CollectAsync(lab.Nodes, inventory, ct: link.Token).ConfigureAwait(false)).ToTable());
        if (!exitWhenUp)
        {
            Console.Error.WriteLine("The lab is up. Ctrl-C here, or `sanchaos lab down` elsewhere, takes it down.");
            try
            {
                await Task.Delay(Timeout.Infinite, link.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        Say("taking the lab down");
        await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> StatusAsync(CancellationToken ct)
    {
        var inventory = LoadInventory();
        IReadOnlyDictionary<string, INode> nodes;
        var owned = new List<SshNode>();
        if (inventory.Kind == Inventory.Model.LabKind.Embedded)
        {
            var run = UmlLab.ListRuns().Where(r => r.NamespaceExists).OrderByDescending(r => r.Created).FirstOrDefault();
            if (run is null)
            {
                Console.WriteLine("No embedded lab is running. Start one with `sanchaos lab up`, or run the drills.");
                return 3;
            }

            Console.WriteLine($"Embedded lab run {run.RunId}: phase {run.Phase}, owner PID {run.OwnerPid} ({(run.OwnerAlive ? "alive" : "gone: the PDU and serial cable are down with it")}), namespace {run.Namespace}");
            foreach (var n in run.Nodes)
                Console.WriteLine($"  {n.Name,-8} kernel PID {n.Pid,-7} {(n.Running ? "running" : "stopped")}, power {(n.Powered ? "on" : "off")}, {n.ManagementAddress}, console {n.ConsoleLog}");
            foreach (var n in run.Nodes.Where(n => n.Running))
                owned.Add(new SshNode(new SshNodeOptions(n.Name, n.ManagementAddress)
                {
                    IdentityFile = UmlLab.DefaultSshKeyFile,
                    CommandPrefix = ["ip", "netns", "exec", run.Namespace],
                    ConnectTimeout = TimeSpan.FromSeconds(5),
                }));
            nodes = owned.ToDictionary(n => n.Name, n => (INode)n);
        }
        else
        {
            var lab = LabFactory.Create(inventory);
            nodes = lab.Nodes;
        }

        try
        {
            Console.WriteLine((await LabStatus.CollectAsync(nodes, inventory, ct: ct).ConfigureAwait(false)).ToTable());
        }
        finally
        {
            foreach (var n in owned) await n.DisposeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> DownAsync(CancellationToken ct)
    {
        var runs = UmlLab.ListRuns();
        foreach (var run in runs.Where(r => r.OwnerAlive && r.OwnerPid != Environment.ProcessId))
        {
            // The owner holds the PDU and serial relay: ask it to take its lab down itself.
            Console.Error.WriteLine($"asking PID {run.OwnerPid} (owner of run {run.RunId}) to take its lab down");
            _ = Kill(run.OwnerPid, 15);
            try
            {
                await Wait.UntilAsync($"the owner of run {run.RunId} (PID {run.OwnerPid}) to take its lab down",
                _ => Task.FromResult(UmlLab.ListRuns().Any(r => r.RunId == run.RunId && r.OwnerAlive) ? Probe.No("still running") : Probe.Yes()),
                    TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), ct: ct).ConfigureAwait(false);
            }
            catch (WaitTimeoutException e)
            {
                Console.Error.WriteLine($"{e.Problem} Taking its lab down from here.");
            }
        }

        foreach (var run in runs)
        {
            var removed = await UmlLab.DownRunAsync(run.RunId, ct: ct).ConfigureAwait(false);
            foreach (var r in removed) Console.WriteLine(r);
        }

        foreach (var r in await UmlLab.ReapAsync(ct: ct).ConfigureAwait(false)) Console.WriteLine($"reaped {r}");
        Console.WriteLine(runs.Count == 0 ? "No embedded lab was running." : "Done.");
        return 0;
    }
}
