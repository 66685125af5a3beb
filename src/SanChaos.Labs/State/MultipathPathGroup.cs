namespace SanChaos.Labs.State;

/// <summary>A path group of <c>multipath -ll</c>: <c>policy='round-robin 0' prio=1 status=active</c> and its paths.</summary>
/// <param name="Policy">Path selector.</param>
/// <param name="Priority">Group priority.</param>
/// <param name="Status">active, enabled or disabled.</param>
/// <param name="Paths">The paths in the group.</param>
public sealed record MultipathPathGroup(string Policy, int Priority, string Status, IReadOnlyList<MultipathMapPath> Paths);
