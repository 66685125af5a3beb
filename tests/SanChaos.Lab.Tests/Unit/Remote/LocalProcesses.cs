namespace SanChaos.Lab.Tests.Unit.Remote;

/// <summary>Looks for processes on this machine by their command line (to prove a kill happened).</summary>
internal static class LocalProcesses
{
    /// <summary>PIDs of processes named <paramref name="executable"/> with <paramref name="argument"/> among their arguments.</summary>
    public static List<int> Find(string executable, string argument)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (argv.Length > 0 && Path.GetFileName(argv[0]) == executable && argv.Contains(argument)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        return found;
    }
}
