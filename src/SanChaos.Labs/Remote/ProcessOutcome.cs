using SanChaos.Core.Commands;

namespace SanChaos.Labs.Remote;

/// <summary>How a local process run by <see cref="ProcessRunner"/> ended.</summary>
/// <param name="Result">Exit code and output (exit -1 when it could not start or was killed).</param>
/// <param name="TimedOut">True when it was killed at its deadline.</param>
/// <param name="StartError">Why it could not start (e.g. executable not found), or null.</param>
internal sealed record ProcessOutcome(CommandResult Result, bool TimedOut, string? StartError);
