namespace SanChaos.Labs.Recovery;

/// <summary>What <see cref="RecoveryPlanner"/> would do about a cluster that is not in steady state.</summary>
/// <param name="Repairs">Commands that bring the cluster back without choosing a winner by guesswork.</param>
/// <param name="Blockers">What stands in the way and no command here will fix (a node down, two holders...).</param>
public sealed record Diagnosis(IReadOnlyList<Repair> Repairs, IReadOnlyList<string> Blockers);
