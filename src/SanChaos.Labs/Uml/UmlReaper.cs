using System.Globalization;
using SanChaos.Labs.Native;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Uml;

/// <summary>
/// Finds what embedded lab runs left behind and removes it, by label: run directories with a state file (their UML
/// process groups, checked against the recorded start times, their namespace and devices, their files) and network
/// namespaces named <c>sanchaos-*</c> (every process inside one is the lab's: UML kernels and the harness's SSH
/// clients). A run whose owner process still runs is left alone unless it is named explicitly.
/// </summary>
internal static class UmlReaper
{
    /// <summary>Removes the runs under <paramref name="runsDirectory"/> whose owner died, and lab namespaces no live
    /// run claims. Returns one line per thing removed.</summary>
    /// <param name="runsDirectory">The runs directory.</param>
    /// <param name="keepRunId">A run never touched (the caller's own), or null.</param>
    /// <param name="time">Clock for waits.</param>
    /// <param name="ct">Cancels.</param>
    public static async Task<IReadOnlyList<string>> ReapDeadAsync(string runsDirectory, string? keepRunId, TimeProvider time, CancellationToken ct)
    {
        var removed = new List<string>();
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var runId in RunStateStore.RunIds(runsDirectory))
        {
            if (runId == keepRunId) continue;
            var state = RunStateStore.Load(runsDirectory, runId);
            if (state is not null && ProcessTable.IsAlive(state.OwnerPid, state.OwnerStartTicks))
            {
                live.Add(state.Namespace);
                continue;
            }

            removed.AddRange(await TearDownAsync(runsDirectory, runId, state, time, ct).ConfigureAwait(false));
        }

        foreach (var ns in UmlFabric.LabNamespaces())
        {
            if (live.Contains(ns) || ns == UmlTopology.NamespacePrefix + keepRunId) continue;
            removed.AddRange(await RemoveNamespaceAsync(ns, [], time, ct).ConfigureAwait(false));
        }

        return removed;
    }

    /// <summary>Live runs other than <paramref name="exceptRunId"/> (owner process still running).</summary>
    public static IReadOnlyList<RunState> LiveRuns(string runsDirectory, string? exceptRunId) =>
        RunStateStore.RunIds(runsDirectory)
            .Where(id => id != exceptRunId)
            .Select(id => RunStateStore.Load(runsDirectory, id))
            .OfType<RunState>()
            .Where(s => ProcessTable.IsAlive(s.OwnerPid, s.OwnerStartTicks))
            .ToArray();

    /// <summary>Removes one run whatever its owner's state: its node process groups (only those whose start time still
    /// matches), every process in its namespace, its devices, its namespace and its run directory.</summary>
    public static async Task<IReadOnlyList<string>> TearDownAsync(string runsDirectory, string runId, RunState? state, TimeProvider time,
        CancellationToken ct, bool keepConsoleLogs = false)
    {
        var removed = new List<string>();
        foreach (var node in state?.Nodes ?? [])
        {
            if (node.Pid <= 0 || ProcessTable.Read(node.Pid) is not { } p || p.StartTicks != node.StartTicks) continue;
            await UmlMachine.KillGroupAsync($"node {node.Name} of run {runId}", node.Pid, node.StartTicks, time, ct).ConfigureAwait(false);
            removed.Add($"run {runId}: killed node {node.Name} (process group {node.Pid})");
        }

        var ns = state?.Namespace ?? UmlTopology.NamespacePrefix + runId;
        removed.AddRange(await RemoveNamespaceAsync(ns, [.. state?.Taps ?? [], .. state?.Bridges ?? []], time, ct).ConfigureAwait(false));

        var dir = RunStateStore.RunDirectory(runsDirectory, runId);
        if (Directory.Exists(dir))
        {
            await RemoveRunDirectoryAsync(dir, keepConsoleLogs, ct).ConfigureAwait(false);
            removed.Add($"run {runId}: removed {dir}{(keepConsoleLogs ? " (console logs kept)" : "")}");
        }

        return removed;
    }

    /// <summary>Kills every process inside <paramref name="ns"/> (UML kernels by process group), deletes
    /// <paramref name="devices"/> and the namespace.</summary>
    public static async Task<IReadOnlyList<string>> RemoveNamespaceAsync(string ns, IReadOnlyList<string> devices, TimeProvider time, CancellationToken ct)
    {
        var removed = new List<string>();
        if (!UmlFabric.NamespaceExists(ns)) return removed;
        var pids = await HostCommand.RunAsync(["ip", "netns", "pids", ns], ct: ct).ConfigureAwait(false);
        foreach (var line in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ProcessTable.Read(pid) is not { } p || p.IsZombie)
                continue;
            if (p.ProcessGroup == pid)
            {
                // A group leader in a lab namespace: a node (session leader and its UML kernel) or an SSH client.
                await UmlMachine.KillGroupAsync($"process group {pid} ({p.Comm}) in {ns}", pid, p.StartTicks, time, ct).ConfigureAwait(false);
                removed.Add($"{ns}: killed process group {pid} ({p.Comm})");
            }
            else if (ProcessTable.IsAlive(pid, p.StartTicks))
            {
                Libc.Kill(pid, Libc.SIGKILL);
                removed.Add($"{ns}: killed {p.Comm} ({pid})");
            }
        }

        await UmlFabric.DestroyAsync(ns, devices, ct).ConfigureAwait(false);
        removed.Add($"removed network namespace {ns}");
        return removed;
    }

    /// <summary>Removes a run directory (never crossing into another file system); keeps <c>console/</c> when asked.</summary>
    public static async Task RemoveRunDirectoryAsync(string dir, bool keepConsoleLogs, CancellationToken ct)
    {
        if (!Directory.Exists(dir)) return;
        var targets = keepConsoleLogs
            ? Directory.EnumerateFileSystemEntries(dir).Where(e => Path.GetFileName(e) != "console").ToArray()
            : [dir];
        if (targets.Length == 0) return;
        await HostCommand.RunCheckedAsync(["rm", "-rf", "--one-file-system", "--", .. targets], timeout: TimeSpan.FromMinutes(2), ct: ct,
            remedy: $"remove {dir} by hand.").ConfigureAwait(false);
    }
}
