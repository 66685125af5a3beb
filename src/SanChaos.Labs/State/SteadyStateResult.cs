using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>One condition and what its last check saw.</summary>
/// <param name="Condition">The condition's name.</param>
/// <param name="Probe">Whether it held and what was seen.</param>
public sealed record SteadyStateResult(string Condition, Probe Probe);
