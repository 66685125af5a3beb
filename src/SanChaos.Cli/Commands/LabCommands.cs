using System.CommandLine;
using System.Runtime.InteropServices;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Inventory.Loading;
using SanChaos.Labs;
using SanChaos.Labs.Kinds;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.Remote;
using SanChaos.Labs.State;
using SanChaos.Labs.Uml;
using SanChaos.Session;
using SanChaos.Session.Keeper;

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
        var detach = new Option<bool>("--detach")
        {
            Description = "Leave the lab to a keeper process (it holds the PDU and the serial cable) and return once the lab is in steady state. " +
                          "Drills, `lab ssh` and `fault` use it; `sanchaos lab down` takes it down.",
        };
        var build = new Option<string?>("--build")
        {
            Description = "The SUT build for this lab instead of the inventory's sut.build: kernel=<6.1|7.2|7.2-seccomp>,release=<bookworm|trixie> " +
                          "(or a name like 7.2-seccomp/bookworm/lio). Same as $SANCHAOS_BUILD; drills use the kept lab only with the same build.",
        };
        up.Options.Add(exit);
        up.Options.Add(detach);
        up.Options.Add(build);
        up.SetGuardedAction((parse, ct) =>
        {
            // The keeper of --detach is a child of this process: it inherits the build through the environment.
            if (parse.GetValue(build) is { Length: > 0 } b)
            {
                _build = b;
                Environment.SetEnvironmentVariable(InventoryLoader.BuildVariable, b);
            }

            return parse.GetValue(detach) ? DetachAsync(ct) : UpAsync(parse.GetValue(exit), keep: false, ct);
        });
        var keep = new Command("keep", "The keeper process of `lab up --detach` (started by it; not for direct use).") { Hidden = true };
        keep.SetGuardedAction((_, ct) => UpAsync(exitWhenUp: false, keep: true, ct));
        lab.Subcommands.Add(keep);
        var status = new Command("status", "Each node: up, DRBD role and disk state, resource holder, floating IPs, iSCSI sessions, multipath paths.");
        status.SetGuardedAction((_, ct) => StatusAsync(ct));
        var down = new Command("down", "Stop everything the lab created and remove it (also reaps leftovers of killed runs).");
        down.SetGuardedAction((_, ct) => DownAsync(ct));
        lab.Subcommands.Add(up);
        lab.Subcommands.Add(status);
        lab.Subcommands.Add(down);
        lab.Subcommands.Add(LabHandsCommands.Ssh());
        lab.Subcommands.Add(LabHandsCommands.Console());
        lab.Subcommands.Add(ExportRack());
        return lab;
    }

    /// <summary><c>lab export-rack --to DIR</c>: the running embedded lab described as a rack (a hardware inventory and its files).</summary>
    private static Command ExportRack()
    {
        var to = new Option<string>("--to") { Description = "The directory to write rack.yaml, ssh_config, known_hosts and heartbeat-authkey into.", Required = true };
        var export = new Command("export-rack",
            "Describe the running embedded lab (`lab up --detach`) as a rack: a kind: hardware inventory whose SSH goes through an ssh_config " +
            "jump into the lab's namespace with host keys checked, whose PDU is the lab's Redfish PDU on the network, and whose capture runs on " +
            "the client. Drills with SANCHAOS_LAB=DIR/rack.yaml then run the rack lab's code against the embedded lab.");
        export.Options.Add(to);
        export.SetGuardedAction(async (parse, ct) =>
        {
            var inventory = LoadInventory();
            await using var lab = AttachedLab.TryAttach(inventory)
                ?? throw new SanChaosException("No embedded lab is running for this inventory.", "start one with `sanchaos lab up --detach`.");
            var files = await RackInventoryExport.WriteAsync(lab, UmlLab.DefaultSshKeyFile, Path.GetFullPath(parse.GetValue(to)!), ct);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {files.Inventory} (with {Path.GetFileName(files.SshConfig)}, {Path.GetFileName(files.KnownHosts)}, " +
                                                          $"{Path.GetFileName(files.AuthKey)}); drill it with SANCHAOS_LAB={files.Inventory}");
            return 0;
        });
        return export;
    }

    /// <summary>How a user of the CLI runs <c>lab up</c> as root (the embedded lab's preflight remedy).</summary>
    private const string RunUpAsRoot = "run `sudo sanchaos lab up`.";

    /// <summary>The inventory $SANCHAOS_LAB names (default lab/embedded.yaml).</summary>
    private static Inventory.Model.LabInventory LoadInventory() => InventoryLoader.LoadForRun(InventoryLoader.ResolvePath(SharedLab.RepositoryRoot()), _build);

    /// <summary>The build `lab up --build` names, if any (else $SANCHAOS_BUILD or the inventory's).</summary>
    private static string? _build;

    /// <summary>
    /// The lab in this process: brought up, shown, then held until Ctrl-C, SIGTERM or `lab down`; with
    /// <paramref name="keep"/>, as the keeper of `lab up --detach` (its record and control socket, `down` over the socket).
    /// Journalled faults are healed before the lab goes down.
    /// </summary>
    private static async Task<int> UpAsync(bool exitWhenUp, bool keep, CancellationToken ct)
    {
        var inventory = LoadInventory();
        // Before the lab lock (under /var/lib/sanchaos) and anything else: a non-root user or a missing /dev/net/tun reads why.
        LabFactory.Preflight(inventory, RunUpAsRoot);
        var t0 = TimeProvider.System.GetTimestamp();
        void Say(string line) => Console.Error.WriteLine($"[{TimeProvider.System.GetElapsedTime(t0).TotalSeconds,6:0.0}s] {line}");
        var paths = KeeperPaths.Default;
        var record = keep ? LabKeeper.Starting(paths, inventory) : null;
        record?.Write(paths);
        try
        {
            // In the foreground a held lock is said at once; a keeper waits its turn (another process's lab, e.g. a test
            // project running alongside), saying so in its log, which `lab up --detach` shows.
            using var labLock = await LabLock.AcquireAsync(keep ? TimeSpan.FromMinutes(45) : TimeSpan.FromMinutes(1), Say, ct: ct).ConfigureAwait(false);
            await using var lab = LabFactory.Create(inventory, new LabOptions { Progress = Say });
            using var stop = new CancellationTokenSource();
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            using var link = CancellationTokenSource.CreateLinkedTokenSource(ct, stop.Token);
            await lab.UpAsync(link.Token).ConfigureAwait(false);
            var upSeconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds;
            // Faults a killed run or keeper journalled are healed on the new lab (on a fresh embedded lab that only
            // clears the journal), so that the first drill starts from a clean one.
            await LabKeeper.HealJournalAsync(lab, Say, link.Token).ConfigureAwait(false);
            if (lab is EmbeddedLab { UpReport: { } r } embedded)
            {
                Console.WriteLine(LabUpReportText.Render(r));
                Console.WriteLine(LabUpReportText.Memory(embedded.Substrate.MeasureMemory()));
            }

            Console.WriteLine((await LabStatus.CollectAsync(lab.Nodes, inventory, ct: link.Token).ConfigureAwait(false)).ToTable());
            if (!exitWhenUp)
            {
                KeeperServer? server = null;
                if (record is not null && lab is EmbeddedLab kept)
                {
                    server = KeeperServer.Start(kept, paths, () => new KeeperDescription(Environment.ProcessId, kept.RunId, inventory.SourcePath,
                        record.InventoryDigest, kept.Topology.Namespace, upSeconds, kept.ResourceGroupStart?.TotalSeconds, kept.SerialRelayText, kept.SerialRelayFailure,
                        kept.SerialCounters));
                    (record = record with { Phase = "up" }).Write(paths);
                    Say($"The lab is up, kept by PID {Environment.ProcessId}. `sanchaos lab down` takes it down.");
                }
                else
                {
                    Console.Error.WriteLine("The lab is up. Ctrl-C here, or `sanchaos lab down` elsewhere, takes it down.");
                }

                await using (server)
                {
                    using var until = server is null ? null : CancellationTokenSource.CreateLinkedTokenSource(link.Token, server.DownRequested);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, until?.Token ?? link.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }

            if (record is not null) (record = record with { Phase = "stopping" }).Write(paths);
            await LabKeeper.HealJournalAsync(lab, Say, CancellationToken.None).ConfigureAwait(false);
            Say("taking the lab down");
            await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
            if (record is not null) paths.Clear();
            return 0;
        }
        catch (Exception e) when (record is not null)
        {
            (record with { Phase = "failed", Error = CliErrors.Lines(e).First()["error: ".Length..] }).Write(paths);
            throw;
        }
    }

    /// <summary>`lab up --detach`: reuse a live keeper of this inventory, reap a dead one, or start one and follow it until the lab is up.</summary>
    private static async Task<int> DetachAsync(CancellationToken ct)
    {
        var inventory = LoadInventory();
        LabFactory.Preflight(inventory, RunUpAsRoot);
        var paths = KeeperPaths.Default;
        if (KeeperRecord.Read(paths) is { } existing)
        {
            if (existing.Alive)
            {
                if (existing.Phase == "up" && existing.InventoryDigest == AttachedLab.Digest(inventory))
                {
                    Console.Error.WriteLine($"The lab of {inventory.SourcePath} is already up, kept by PID {existing.Pid} (log {existing.Log}).");
                    return 0;
                }

                throw new Core.Errors.SanChaosException(
                    $"A lab keeper (PID {existing.Pid}) is {existing.Phase} with {existing.InventoryPath}{(existing.Phase == "up" ? ", another inventory or a changed one" : "")}.",
                    "take it down first (`sanchaos lab down`); one lab runs on a machine at a time.");
            }

            Console.Error.WriteLine($"The lab keeper PID {existing.Pid} died ({existing.Phase}; log {existing.Log}): reaping what it left.");
            await DownAsync(ct).ConfigureAwait(false);
        }

        var since = DateTimeOffset.UtcNow;
        LabKeeper.Spawn(paths, [.. SelfCommand(), "lab", "keep"]);
        var kept = await LabKeeper.FollowUntilUpAsync(paths, since, Console.Error, TimeSpan.FromMinutes(60), ct).ConfigureAwait(false);
        Console.Error.WriteLine($"The lab is up, kept by PID {kept.Pid} (log {kept.Log}). `sanchaos lab status`, `lab ssh`, `fault inject`, drills: they use it. `sanchaos lab down` takes it down.");
        return 0;
    }

    /// <summary>How to start this sanchaos again: the apphost, or <c>dotnet sanchaos.dll</c>.</summary>
    private static string[] SelfCommand()
    {
        var host = Environment.ProcessPath ?? throw new Core.Errors.SanChaosException("This process does not know its own path.", "run sanchaos through `dotnet sanchaos.dll`.");
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(LabCommands).Assembly.Location] : [host];
    }

    private static async Task<int> StatusAsync(CancellationToken ct)
    {
        var inventory = LoadInventory();
        KeeperStatus(KeeperPaths.Default);
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

    /// <summary>The keeper's line(s) for `lab status`: alive or died, its phase and log, and the serial relay it holds.</summary>
    private static void KeeperStatus(KeeperPaths paths)
    {
        if (KeeperRecord.Read(paths) is not { } k) return;
        if (!k.Alive)
        {
            Console.WriteLine($"Lab keeper PID {k.Pid}: DIED while {k.Phase}{(k.Error is null ? "" : $" ({k.Error})")}; its log is {k.Log}. " +
                              "`sanchaos lab down` (or the next `lab up`) reaps what it left.");
            return;
        }

        Console.WriteLine($"Lab keeper PID {k.Pid}: {k.Phase} since {k.Started:u}, inventory {k.InventoryPath}{(k.Build.Length > 0 ? $", build {k.Build}" : "")}, log {k.Log}");
        if (k.Phase != "up") return;
        try
        {
            using var client = KeeperClient.Connect(paths);
            var d = client.Send(new KeeperRequest { Op = KeeperOps.Describe }).Description!;
            Console.WriteLine($"  run {d.RunId}, brought up in {d.UpSeconds:0.0} s; serial cable: {d.Serial ?? "none"}");
        }
        catch (Core.Errors.SanChaosException e)
        {
            Console.WriteLine($"  the keeper does not answer on {paths.Socket}: {e.Problem}");
        }
    }

    /// <summary>Asks a live keeper to take its lab down (healing journalled faults first) and waits until it has exited.</summary>
    private static async Task StopKeeperAsync(KeeperPaths paths, CancellationToken ct)
    {
        if (KeeperRecord.Read(paths) is not { } k) return;
        if (k.Alive)
        {
            Console.Error.WriteLine($"asking the lab keeper PID {k.Pid} to heal the journalled faults and take its lab down");
            try
            {
                using var client = KeeperClient.Connect(paths);
                await client.SendAsync(new KeeperRequest { Op = KeeperOps.Down }, ct).ConfigureAwait(false);
            }
            catch (Core.Errors.SanChaosException e)
            {
                Console.Error.WriteLine($"{e.Problem} Sending it SIGTERM instead.");
                _ = Kill(k.Pid, 15);
            }

            await Wait.UntilAsync($"the lab keeper PID {k.Pid} to take its lab down and exit",
                _ => Task.FromResult(k.Alive ? Probe.No("still running") : Probe.Yes()),
                TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(500), ct: ct).ConfigureAwait(false);
        }
        else
        {
            Console.Error.WriteLine($"the lab keeper PID {k.Pid} had died ({k.Phase}; log {k.Log}): reaping what it left");
        }

        paths.Clear();
    }

    private static async Task<int> DownAsync(CancellationToken ct)
    {
        await StopKeeperAsync(KeeperPaths.Default, ct).ConfigureAwait(false);
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
