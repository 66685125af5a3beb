using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.Time;

namespace SanChaos.Labs.Remote;

/// <summary>
/// A command did not finish before its deadline and its local process was killed. Carries where it ran, the
/// command, the deadline and whatever output came before the kill.
/// </summary>
public sealed class CommandTimeoutException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="where">The node name, or "host" for commands on the harness machine.</param>
    /// <param name="command">The command line as run.</param>
    /// <param name="timeout">The deadline that passed.</param>
    /// <param name="partial">Output read before the kill (exit code -1).</param>
    /// <param name="remedy">What to do about it.</param>
    public CommandTimeoutException(string where, string command, TimeSpan timeout, CommandResult partial, string remedy = "")
        : base(Describe(where, command, timeout, partial), remedy)
    {
        Where = where;
        Command = command;
        Timeout = timeout;
        Partial = partial;
    }

    /// <summary>The node (or "host") the command ran on.</summary>
    public string Where { get; }

    /// <summary>The command line.</summary>
    public string Command { get; }

    /// <summary>The deadline that passed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Output read before the process was killed (exit code -1).</summary>
    public CommandResult Partial { get; }

    private static string Describe(string where, string command, TimeSpan timeout, CommandResult r) =>
        $"On {where}, `{command}` did not finish within {Durations.Format(timeout)} and was killed." +
        Tail("stdout so far", r.StandardOutput) + Tail("stderr so far", r.StandardError);

    private static string Tail(string name, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lines = text.TrimEnd().Split('\n');
        var tail = lines.Length > 20 ? lines[^20..] : lines;
        return $"{Environment.NewLine}{name}{(lines.Length > 20 ? " (last 20 lines)" : "")}:{Environment.NewLine}  " +
               string.Join(Environment.NewLine + "  ", tail);
    }
}
