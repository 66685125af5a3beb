using SanChaos.Core.Errors;

namespace SanChaos.Core.Waiting;

/// <summary>A condition did not hold before its deadline. Says which condition and what was last seen.</summary>
public sealed class WaitTimeoutException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    public WaitTimeoutException(string condition, TimeSpan timeout, string lastSeen, int attempts, string remedy, Exception? lastError)
        : base($"Timed out after {timeout.TotalSeconds:0.#} s ({attempts} checks) waiting for: {condition}. Last seen: {lastSeen}", remedy, lastError)
    {
        Condition = condition;
        Timeout = timeout;
        LastSeen = lastSeen;
    }

    /// <summary>The condition that never held.</summary>
    public string Condition { get; }

    /// <summary>The deadline that passed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>What the last check observed.</summary>
    public string LastSeen { get; }
}
