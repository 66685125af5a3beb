using SanChaos.Core.History;
namespace SanChaos.Checkers.Stall;

/// <summary>Options of <see cref="StallBudgetChecker"/>.</summary>
public sealed record StallBudgetOptions
{
    /// <summary>
    /// The moment the budget counts from. Default null: the last <c>fault.injected</c> before the first heal began (with
    /// two faults, e.g. eth1 cut then the serial cable pulled, the moment both were in place), at the instant it physically
    /// happened (<c>FaultMoment.TimeOf</c>: the PDU's record of the power cut, or the request that bounds it).
    /// </summary>
    public DateTimeOffset? FaultAt { get; init; }

    /// <summary>
    /// Added to the budget's stall maximum: the longest gap between acknowledged writes with no fault at all (the client
    /// or the target descheduled for a moment). Seen on the embedded lab without any fault: 218–257 ms. Default 500 ms.
    /// </summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A stall shorter than this fraction of the budget's minimum is Unknown, not Valid: a failover that takes a fraction
    /// of what Heartbeat's deadtime alone costs did not happen, the fault may not have acted (a PDU outlet that feeds
    /// nothing, a cable that was not in the path). Budgets whose minimum is 0 (nothing must move) never trip it.
    /// Default 0.5.
    /// </summary>
    public double FarBelow { get; init; } = 0.5;
}
