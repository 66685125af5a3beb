namespace SanChaos.Labs.Uml;

/// <summary>One process as <c>/proc/&lt;pid&gt;/stat</c> shows it.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="Comm">Command name (at most 15 characters).</param>
/// <param name="State">State letter (R, S, D, T, t, Z...).</param>
/// <param name="ParentPid">Parent's id.</param>
/// <param name="ProcessGroup">Process group id.</param>
/// <param name="StartTicks">Start time in clock ticks after boot: with the pid, it names a process for good (a
/// reused pid has a different start time).</param>
internal readonly record struct ProcStat(int Pid, string Comm, char State, int ParentPid, int ProcessGroup, long StartTicks)
{
    /// <summary>True for a zombie (dead, not reaped yet: it runs nothing and holds nothing but its pid).</summary>
    public bool IsZombie => State is 'Z' or 'X';
}
