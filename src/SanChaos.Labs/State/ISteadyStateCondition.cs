using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>
/// One condition of the SAN's steady state: a small check that says whether it holds and what it saw.
/// Waiting goes through <see cref="Wait.UntilAsync"/>, never through the condition.
/// </summary>
public interface ISteadyStateCondition
{
    /// <summary>What must hold, in words (names the condition in timeouts).</summary>
    string Name { get; }

    /// <summary>What to do when it does not hold in time.</summary>
    string Remedy { get; }

    /// <summary>Checks once and returns what was seen.</summary>
    Task<Probe> CheckAsync(CancellationToken ct);
}
