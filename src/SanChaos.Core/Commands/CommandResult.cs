namespace SanChaos.Core.Commands;

/// <summary>The outcome of one command run on a node or on the host.</summary>
/// <param name="ExitCode">The process exit code (or -1 if it could not be started).</param>
/// <param name="StandardOutput">Everything the command wrote to stdout.</param>
/// <param name="StandardError">Everything the command wrote to stderr.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
