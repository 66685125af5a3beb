using SanChaos.Core.Commands;
using SanChaos.Labs.State;

namespace SanChaos.Labs.Recovery;

/// <summary>A repair that was run and what the node answered.</summary>
/// <param name="Repair">The repair.</param>
/// <param name="Result">The command's result.</param>
public sealed record RepairRecord(Repair Repair, CommandResult Result)
{
    /// <summary>When the state that called for it was first seen (wall clock), if known.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>When the repair ran (wall clock), if known.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The cluster as the recovery saw it when it decided to repair (the lab as a scenario left it), if known.</summary>
    public ClusterState? Before { get; init; }

    /// <summary>How long the state had lasted when it was repaired (<see cref="FirstSeen"/> to <see cref="At"/>), if known.</summary>
    public TimeSpan? WrongFor => At - FirstSeen;

    /// <summary>Its kind: whose doing the state was and which checker judges it.</summary>
    public RepairKind Kind => RepairKinds.Of(Repair);

    /// <summary>What was done, as one line: <c>drbd_connect -> exit 0</c>, with the node's error when it failed.</summary>
    public string Done => $"{Repair.Command}{(Repair.Portal is null ? "" : $" {Repair.Portal}")} -> exit {Result.ExitCode}" +
        (Result.Succeeded ? "" : $": {Result.StandardError.Trim()} {Result.StandardOutput.Trim()}".TrimEnd());

    /// <inheritdoc />
    public override string ToString() => $"{Repair} -> exit {Result.ExitCode}" +
        (Result.Succeeded ? "" : $": {Result.StandardError.Trim()} {Result.StandardOutput.Trim()}".TrimEnd());
}
