using SanChaos.Core.Commands;

namespace SanChaos.Labs.Recovery;

/// <summary>A repair that was run and what the node answered.</summary>
/// <param name="Repair">The repair.</param>
/// <param name="Result">The command's result.</param>
public sealed record RepairRecord(Repair Repair, CommandResult Result)
{
    /// <inheritdoc />
    public override string ToString() => $"{Repair} -> exit {Result.ExitCode}" +
        (Result.Succeeded ? "" : $": {Result.StandardError.Trim()} {Result.StandardOutput.Trim()}".TrimEnd());
}
