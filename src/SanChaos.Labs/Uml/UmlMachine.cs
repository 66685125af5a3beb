using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Native;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Uml;

/// <summary>
/// One node's user-mode Linux kernel on the host: its command line, its disks and console log in the run directory,
/// and its process group. <see cref="StartAsync"/> launches <c>ip netns exec NS setsid linux.uml ...</c> so the UML main
/// process leads its own process group and session (about 17 host processes per node); <see cref="PowerOffAsync"/>
/// freezes the whole group (SIGSTOP) at the instant of the power loss, then kills it (SIGKILL) and waits until no
/// process of the group runs.
/// <para>
/// As a session leader, the kernel makes the relay's pty its controlling terminal when the guest opens its serial
/// port; a hang-up of the pty (the relay's owner exits) does not stop it (checked by a lab test).
/// </para>
/// </summary>
internal sealed class UmlMachine
{
    /// <summary>Kernel arguments every node gets (data, so a new kernel needs a data change only).</summary>
    public static readonly IReadOnlyList<string> FixedKernelArguments =
    [
        "con=none", "con0=null,fd:1",    // console 0 to stdout (the console log); no other consoles
        "ssl=none",                      // serial lines: only the one attached to the relay exists
        "root=/dev/ubda", "rw",          // mounted read-write by the kernel: no remount at boot
        "net.ifnames=0",                 // udev leaves NIC names alone; the identity unit renames vecN
        "pty.legacy_count=0",            // no 512 BSD pty devices for udev to chew on at boot (~8 s)
        "ipv6.disable=1",                // the seeds' SAN is IPv4 only: no router solicitations or DAD on the wires
    ];

    private readonly UmlTopology _topology;
    private readonly UmlNodeSpec _spec;
    private readonly UmlFabric _fabric;
    private readonly UmlLabOptions _options;
    private readonly string _runDirectory;
    private Process? _process;

    public UmlMachine(UmlTopology topology, UmlNodeSpec spec, UmlFabric fabric, UmlLabOptions options, string runDirectory)
    {
        _topology = topology;
        _spec = spec;
        _fabric = fabric;
        _options = options;
        _runDirectory = runDirectory;
    }

    /// <summary>Node name.</summary>
    public string Name => _spec.Name;

    /// <summary>The node's spec.</summary>
    public UmlNodeSpec Spec => _spec;

    /// <summary>Copy-on-write layer over the shared image.</summary>
    public string CowPath => Path.Combine(_runDirectory, "disks", Name + ".cow");

    /// <summary>The second disk (<c>/dev/ubdb</c>), or null.</summary>
    public string? DataDiskPath => _spec.DataDiskMb > 0 ? Path.Combine(_runDirectory, "disks", Name + "-data.img") : null;

    /// <summary>Console log (all boots appended, each after a marker line).</summary>
    public string ConsoleLog => ConsoleLogPath(_runDirectory, Name);

    /// <summary>The main process (= process group) while running; 0 when off.</summary>
    public int Pid { get; private set; }

    /// <summary>The main process's start time in clock ticks.</summary>
    public long StartTicks { get; private set; }

    /// <summary>When the last power loss froze the node (the SIGSTOP of its process group, wall clock); null before any.</summary>
    public DateTimeOffset? PoweredOffAt { get; private set; }

    /// <summary>Times started.</summary>
    public int Boots { get; private set; }

    /// <summary>True while the main process runs.</summary>
    public bool IsRunning => Pid > 0 && ProcessTable.IsAlive(Pid, StartTicks);

    /// <summary>The console log of <paramref name="node"/> in <paramref name="runDirectory"/>.</summary>
    public static string ConsoleLogPath(string runDirectory, string node) => Path.Combine(runDirectory, "console", node + ".log");

    /// <summary>Creates the data disk (sparse) if it does not exist yet; the root's copy-on-write layer is created by
    /// UML on first boot.</summary>
    public void PrepareDisks()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CowPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(ConsoleLog)!);
        if (DataDiskPath is { } data && !File.Exists(data))
        {
            using var f = new FileStream(data, FileMode.CreateNew, FileAccess.Write);
            f.SetLength(_spec.DataDiskMb * 1024L * 1024L);
        }
    }

    /// <summary>The UML command line (after <c>linux.uml</c>).</summary>
    /// <param name="baseImage">The shared image.</param>
    /// <param name="serialSlave">The relay's pty slave for this node, or null when it has no serial cable.</param>
    public IReadOnlyList<string> KernelArguments(string baseImage, string? serialSlave)
    {
        var args = new List<string> { $"ubd0={CowPath},{baseImage}" };
        if (DataDiskPath is { } data) args.Add($"ubd1={data}");
        args.Add(string.Create(CultureInfo.InvariantCulture, $"mem={_spec.MemoryMb}M"));
        for (var i = 0; i < _spec.Interfaces.Count; i++)
        {
            var nic = _spec.Interfaces[i];
            // gro=1 is essential: without it the guest drops the host's GSO frames and TCP collapses.
            args.Add($"vec{i}:transport=tap,ifname={_fabric.Tap(Name, nic.GuestName)},mac={nic.Mac.ToLowerInvariant()},gro=1");
        }

        args.AddRange(FixedKernelArguments);
        if (serialSlave is not null && _topology.Serial is { } cable)
            args.Add(string.Create(CultureInfo.InvariantCulture, $"ssl{cable.GuestLine}=tty:{serialSlave}"));
        args.Add($"uml_dir={Path.Combine(_runDirectory, "uml")}");
        args.Add($"umid={Name}");
        args.Add($"systemd.machine_id={MachineId()}");
        args.Add($"sanchaos.host={Name}");
        foreach (var nic in _spec.Interfaces)
            args.Add($"sanchaos.if={nic.GuestName},{nic.Mac.ToLowerInvariant()},{nic.Address ?? ""}");
        args.Add("sanchaos.key=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(_topology.SshPublicKey.Trim() + "\n")));
        return args;
    }

    /// <summary>
    /// Boots the node: appends a marker to its console log and launches its kernel in the lab's namespace as the
    /// leader of a new process group. Returns once the process runs and leads its group; does not wait for the boot.
    /// </summary>
    public async Task StartAsync(string baseImage, string? serialSlave, CancellationToken ct)
    {
        if (IsRunning) return;
        PrepareDisks();
        Directory.CreateDirectory(Path.Combine(_runDirectory, "uml"));
        // UML refuses to start when its umid directory (pid file, mconsole socket) is left from a killed boot.
        var umidDir = Path.Combine(_runDirectory, "uml", Name);
        if (Directory.Exists(umidDir)) Directory.Delete(umidDir, recursive: true);
        Boots++;
        File.AppendAllText(ConsoleLog,
            $"{Environment.NewLine}=== sanchaos: boot {Boots} of {Name} at {DateTimeOffset.UtcNow:O} ==={Environment.NewLine}");

        var kernel = _options.Kernel?.Command(KernelArguments(baseImage, serialSlave)) ?? [_options.UmlKernel, .. KernelArguments(baseImage, serialSlave)];
        var argv = HostCommand.WithNetns([Libc.SetsidCommand, .. kernel], _topology.Namespace);
        // sh redirects the console to the log and exec's in place: the pid we get is ip's, then setsid's, then the
        // kernel's. A child of ours is not a group leader, so setsid does not fork: that pid leads the new group.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$@\" </dev/null >>\"$SANCHAOS_CONSOLE\" 2>&1");
        psi.ArgumentList.Add("sh");
        foreach (var a in argv) psi.ArgumentList.Add(a);
        psi.Environment["SANCHAOS_CONSOLE"] = ConsoleLog;
        psi.Environment["TMPDIR"] = _options.GuestMemoryDirectory;
        _process?.Dispose();
        _process = Process.Start(psi) ?? throw new SanChaosException($"Could not start the UML kernel of {Name}.", "check that /bin/sh exists.");
        var pid = _process.Id;
        await Wait.UntilAsync($"{Name}'s kernel leads its own process group",
            _ =>
            {
                var p = ProcessTable.Read(pid);
                if (p is null || p.Value.IsZombie) return Task.FromResult(Probe.Yes("exited"));
                return Task.FromResult(p.Value.ProcessGroup == pid && p.Value.Comm.StartsWith("linux", StringComparison.Ordinal)
                    ? Probe.Yes("running")
                    : Probe.No($"{p.Value.Comm} in group {p.Value.ProcessGroup}"));
            },
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), _options.Time,
            "check that `ip netns exec`, `setsid` and the UML kernel run by hand.", ct).ConfigureAwait(false);
        var stat = ProcessTable.Read(pid);
        if (stat is null || stat.Value.IsZombie)
            throw new UmlBootException(Name, "its kernel exited at once", ConsoleLog, ConsoleTail(ConsoleLog));
        Pid = pid;
        StartTicks = stat.Value.StartTicks;
    }

    /// <summary>Power loss: freeze the node's whole process group at once, kill it, wait until none of it runs.
    /// Idempotent.</summary>
    public async Task PowerOffAsync(CancellationToken ct)
    {
        if (Pid > 0 && await KillGroupAsync(Name, Pid, StartTicks, _options.Time, ct).ConfigureAwait(false) is { } frozen) PoweredOffAt = frozen;
        Pid = 0;
        StartTicks = 0;
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Adopts a process recorded in a state file (another process started it).</summary>
    public void Adopt(int pid, long startTicks, int boots)
    {
        Pid = pid;
        StartTicks = startTicks;
        Boots = boots;
    }

    /// <summary>
    /// Freezes (SIGSTOP) then kills (SIGKILL) process group <paramref name="pgid"/> and waits until none of its
    /// processes runs; does nothing when <paramref name="pgid"/> no longer names the process started at
    /// <paramref name="startTicks"/> (a pid reused by someone else is never signalled).
    /// </summary>
    /// <returns>The wall-clock instant of the SIGSTOP (the power loss), or null when nothing was signalled.</returns>
    public static async Task<DateTimeOffset?> KillGroupAsync(string what, int pgid, long startTicks, TimeProvider time, CancellationToken ct)
    {
        if (pgid <= 1) return null;
        // A pid is never reused while a process group of that id has members: if the pid now names another process,
        // our group is entirely gone and nothing may be signalled. A missing leader may have left members: signal them.
        if (ProcessTable.Read(pgid) is { } leader && leader.StartTicks != startTicks) return null;

        var frozen = time.GetUtcNow();
        Libc.SignalGroup(pgid, Libc.SIGSTOP);
        Libc.SignalGroup(pgid, Libc.SIGKILL);
        await Wait.UntilAsync($"every process of {what} (process group {pgid}) is gone",
            _ =>
            {
                var left = ProcessTable.LiveGroupMembers(pgid);
                return Task.FromResult(left.Count == 0 ? Probe.Yes("none left") : Probe.No($"{left.Count} left: {string.Join(", ", left.Select(p => $"{p.Pid} {p.State}"))}"));
            },
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(25), time,
            $"processes in state D cannot be killed until their I/O returns; `ps -o pid,stat,wchan -g {pgid}` shows them.", ct).ConfigureAwait(false);
        // Dead is not gone: the killed kernel's helpers stay zombies until init (or the nearest subreaper) collects them.
        // A lab taken down returns when nothing of it is left in the process table (measured: 47 were still listed when
        // `lab up --exit` returned, none 2 s later); a parent that never reaps them is waited for only so long.
        try
        {
            await Wait.UntilAsync($"the zombies of {what} (process group {pgid}) are reaped",
                _ =>
                {
                    var left = ProcessTable.All().Count(p => p.ProcessGroup == pgid);
                    return Task.FromResult(left == 0 ? Probe.Yes("none left") : Probe.No($"{left} zombie(s) left"));
                },
                TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), time, "", ct).ConfigureAwait(false);
        }
        catch (WaitTimeoutException)
        {
            // their parent does not reap them: they hold no memory, no descriptors and no namespace
        }

        return frozen;
    }

    /// <summary>The last <paramref name="lines"/> lines of a console log (ANSI colour codes removed), or a note
    /// when it cannot be read.</summary>
    public static string ConsoleTail(string path, int lines = 40)
    {
        try
        {
            var all = File.ReadAllLines(path);
            var tail = all.Length > lines ? all[^lines..] : all;
            return string.Join(Environment.NewLine, tail.Select(StripAnsi));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(console log {path} cannot be read: {e.Message})";
        }
    }

    private string MachineId()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"sanchaos/{_topology.RunId}/{Name}"));
        return Convert.ToHexStringLower(hash)[..32];
    }

    private static string StripAnsi(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\u001b')
            {
                i++;
                if (i < s.Length && s[i] == '[')
                    while (i + 1 < s.Length && !char.IsAsciiLetter(s[i + 1])) i++;
                i++;
                continue;
            }

            if (s[i] != '\r') sb.Append(s[i]);
        }

        return sb.ToString();
    }
}
