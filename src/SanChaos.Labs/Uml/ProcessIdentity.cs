namespace SanChaos.Labs.Uml;

/// <summary>A process named by its id and its start time, so that a later process reusing the id is not taken for it.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">Its start time in clock ticks after boot (<c>/proc/PID/stat</c> field 22).</param>
public sealed record ProcessIdentity(int Pid, long StartTicks)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId)!;

    /// <summary>The running process <paramref name="pid"/>, or null when there is none.</summary>
    public static ProcessIdentity? Of(int pid) => ProcessTable.Read(pid) is { } p ? new ProcessIdentity(pid, p.StartTicks) : null;

    /// <summary>True while that very process runs (not a zombie).</summary>
    public bool Alive => ProcessTable.IsAlive(Pid, StartTicks);
}
