using System.Globalization;
using System.Runtime.InteropServices;

namespace SanChaos.Labs.Uml;

/// <summary>Reads the host's process table from <c>/proc</c>.</summary>
internal static partial class ProcessTable
{
    private const long SysKcmp = 312; // x86-64
    private const int KcmpVm = 1;

    /// <summary>The process <paramref name="pid"/>, or null when it does not exist.</summary>
    public static ProcStat? Read(int pid)
    {
        try
        {
            return Parse(pid, File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses one <c>/proc/&lt;pid&gt;/stat</c> line (the command name may contain spaces and parentheses).</summary>
    public static ProcStat? Parse(int pid, string stat)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var comm = stat[(open + 1)..close];
        var f = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // f[0] = field 3 (state), f[1] = ppid, f[2] = pgrp, f[19] = field 22 (starttime).
        if (f.Length < 20) return null;
        return new ProcStat(pid, comm, f[0][0], Int(f[1]), Int(f[2]), long.Parse(f[19], CultureInfo.InvariantCulture));
    }

    /// <summary>Every live process (zombies included).</summary>
    public static IEnumerable<ProcStat> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Read(pid) is { } p) yield return p;
        }
    }

    /// <summary>The processes of group <paramref name="pgid"/> that are not zombies.</summary>
    public static IReadOnlyList<ProcStat> LiveGroupMembers(int pgid) =>
        All().Where(p => p.ProcessGroup == pgid && !p.IsZombie).ToArray();

    /// <summary>True when <paramref name="pid"/> still names the process that started at <paramref name="startTicks"/>
    /// and is not a zombie.</summary>
    public static bool IsAlive(int pid, long startTicks) =>
        pid > 0 && Read(pid) is { } p && p.StartTicks == startTicks && !p.IsZombie;

    /// <summary>The network namespace of <paramref name="pid"/> as <c>net:[inode]</c>, or null.</summary>
    public static string? NetworkNamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Resident memory of one process from <c>/proc/&lt;pid&gt;/smaps_rollup</c>: RSS and PSS in KiB (PSS
    /// splits pages shared between processes, such as a UML node's guest-memory file, among them).</summary>
    public static (long RssKb, long PssKb)? Memory(int pid)
    {
        try
        {
            long rss = 0, pss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Rss:", StringComparison.Ordinal)) rss = Kb(line);
                else if (line.StartsWith("Pss:", StringComparison.Ordinal)) pss = Kb(line);
            }

            return (rss, pss);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The processes of <paramref name="members"/> that have an address space of their own: UML's helper threads are
    /// clone(CLONE_VM) processes sharing the kernel's, and each reports the same RSS and PSS, so summing over all of
    /// them would count the node's kernel memory several times. Uses kcmp(KCMP_VM) (exact); off x86-64 it falls back
    /// to comparing <c>/proc/PID/maps</c>.
    /// </summary>
    public static IReadOnlyList<int> DistinctAddressSpaces(IEnumerable<int> members)
    {
        var kept = new List<int>();
        var maps = new Dictionary<int, string>();
        foreach (var pid in members)
        {
            var shared = kept.Any(k => SameAddressSpace(k, pid, maps));
            if (!shared) kept.Add(pid);
        }

        return kept;
    }

    private static bool SameAddressSpace(int a, int b, Dictionary<int, string> maps)
    {
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            var rc = Syscall(SysKcmp, a, b, KcmpVm, 0, 0);
            if (rc >= 0) return rc == 0;
        }

        string Maps(int pid)
        {
            if (maps.TryGetValue(pid, out var m)) return m;
            try
            {
                m = File.ReadAllText($"/proc/{pid}/maps");
            }
            catch (IOException)
            {
                m = $"(gone {pid})";
            }

            return maps[pid] = m;
        }

        return Maps(a) == Maps(b);
    }

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, long a1, long a2, long a3, long a4, long a5);

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
