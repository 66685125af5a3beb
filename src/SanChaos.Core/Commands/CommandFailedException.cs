using SanChaos.Core.Errors;

namespace SanChaos.Core.Commands;

/// <summary>
/// A command exited non-zero. Carries the node, the command, the exit code and both output streams
/// (Jepsen's <c>nonzero-exit</c>), so the report shows exactly what happened.
/// </summary>
public sealed class CommandFailedException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="where">The node name, or "host" for commands on the harness machine.</param>
    /// <param name="command">The command line as run.</param>
    /// <param name="result">Its exit code and output.</param>
    /// <param name="remedy">What to do about it.</param>
    public CommandFailedException(string where, string command, CommandResult result, string remedy = "")
        : base(Describe(where, command, result), remedy)
    {
        Where = where;
        Command = command;
        Result = result;
    }

    /// <summary>The node (or "host") the command ran on.</summary>
    public string Where { get; }

    /// <summary>The command line.</summary>
    public string Command { get; }

    /// <summary>Exit code and output.</summary>
    public CommandResult Result { get; }

    private static string Describe(string where, string command, CommandResult r) =>
        $"On {where}, `{command}` exited with code {r.ExitCode}." +
        Section("stdout", r.StandardOutput) + Section("stderr", r.StandardError);

    private static string Section(string name, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lines = text.TrimEnd().Split('\n');
        var tail = lines.Length > 40 ? lines[^40..] : lines;
        return $"{Environment.NewLine}{name}{(lines.Length > 40 ? " (last 40 lines)" : "")}:{Environment.NewLine}  " +
               string.Join(Environment.NewLine + "  ", tail);
    }
}
