using SanChaos.Core.Errors;

namespace SanChaos.Faults.Primary;

/// <summary>
/// The primary could not be told: no storage node holds the resources, both do (split brain), or Heartbeat and the
/// floating IP disagree. The message names the nodes and what each answered.
/// </summary>
public sealed class PrimaryUnknownException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What was found.</param>
    /// <param name="remedy">What to do.</param>
    /// <param name="claimants">The nodes claiming the resources (two in a split brain, none when nobody holds them).</param>
    /// <param name="evidence">Per node, what it answered.</param>
    public PrimaryUnknownException(string message, string remedy, IReadOnlyList<string> claimants, IReadOnlyList<string> evidence)
        : base(message, remedy)
    {
        Claimants = claimants;
        Evidence = evidence;
    }

    /// <summary>The nodes claiming the resources.</summary>
    public IReadOnlyList<string> Claimants { get; }

    /// <summary>What each node answered, one line per node.</summary>
    public IReadOnlyList<string> Evidence { get; }

    /// <summary>True when two nodes claim the resources.</summary>
    public bool IsSplitBrain => Claimants.Count > 1;
}
