namespace SanChaos.Checkers.Stall;

/// <summary>Options of <see cref="StallBudgetChecker"/>.</summary>
public sealed record StallBudgetOptions
{
    /// <summary>
    /// The moment the budget counts from. Default null: the last <c>fault.injected</c> before the first heal began (with
    /// two faults, e.g. eth1 cut then the serial cable pulled, the moment both were in place).
    /// </summary>
    public DateTimeOffset? FaultAt { get; init; }
}
