using SanChaos.Config.Budget;

namespace SanChaos.Config.Lint;

/// <summary>What a rule checks: the configuration and the machine-dependent terms the budget rules need.</summary>
/// <param name="Config">The configuration.</param>
/// <param name="Measured">Terms measured on the lab (or their not-measured defaults).</param>
public sealed record LintContext(SutConfiguration Config, MeasuredTerms Measured);
