using Xunit;
using SanChaos.Labs.Uml;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>Looks for anything an embedded lab run left on the host.</summary>
internal static class LabLeftovers
{
    /// <summary>One line per leftover of run <paramref name="runId"/>: namespace, live processes of its recorded process
    /// groups or started from its run directory, its run directory, tap or bridge devices in the root namespace.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string runId, string runsDirectory, IEnumerable<int> processGroups,
        HostNetworkSnapshot before, CancellationToken ct)
    {
        var found = new List<string>();
        var ns = UmlTopology.NamespacePrefix + runId;
        if (File.Exists(Path.Combine("/run/netns", ns))) found.Add($"namespace {ns}");
        foreach (var pgid in processGroups)
            foreach (var p in ProcessTable.LiveGroupMembers(pgid))
                found.Add($"process {p.Pid} ({p.Comm}, state {p.State}) of group {pgid}");
        var runDir = Path.Combine(runsDirectory, runId);
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(runDir + "/", StringComparison.Ordinal) && ProcessTable.Read(int.Parse(Path.GetFileName(dir))) is { IsZombie: false })
                    found.Add($"process {Path.GetFileName(dir)}: {cmdline[..Math.Min(120, cmdline.Length)]}");
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        if (Directory.Exists(runDir)) found.Add($"run directory {runDir}: {string.Join(", ", Directory.EnumerateFileSystemEntries(runDir, "*", SearchOption.AllDirectories).Take(10))}");
        var now = await HostNetworkSnapshot.TakeAsync(ct);
        found.AddRange(HostNetworkSnapshot.Gained(before, now).Select(g => "root namespace gained " + g));
        found.AddRange(now.Links.Where(l => l.StartsWith("sct", StringComparison.Ordinal) || l.StartsWith("scb", StringComparison.Ordinal))
            .Select(l => $"device {l} in the root namespace"));
        return found;
    }
}
