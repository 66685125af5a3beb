namespace SanChaos.Config.Budget;

/// <summary>One term of a failover budget: what happens, how long it takes, and where that figure comes from.</summary>
/// <param name="Name">What happens, e.g. "Heartbeat on weasel declares otter dead".</param>
/// <param name="Phase">Detection, takeover or client.</param>
/// <param name="Range">How long it takes.</param>
/// <param name="Origin">Configuration, default, measured or not measured.</param>
/// <param name="Source">The configuration lines (<c>weasel/ha.cf:7 deadtime 10</c>) or the measurement ("measured on lab embedded: ...").</param>
public sealed record BudgetTerm(string Name, BudgetPhase Phase, TimeRange Range, TermOrigin Origin, string Source);
