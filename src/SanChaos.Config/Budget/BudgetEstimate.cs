namespace SanChaos.Config.Budget;

/// <summary>
/// What the configuration predicts for one fault: each term with its range and source, the detection and takeover
/// times, the client-visible I/O stall, and whether the application should see errors. Ranges are measured from the
/// moment of the fault.
/// </summary>
/// <param name="Fault">The fault.</param>
/// <param name="Drill">The drill that injects it.</param>
/// <param name="Terms">Every term, in the order they happen.</param>
/// <param name="Detection">Until the fault is noticed (by Heartbeat, DRBD or the initiator, per fault).</param>
/// <param name="Takeover">From detection until the standby runs the resource group; zero when nothing moves.</param>
/// <param name="Stall">From the fault until I/O through the multipath device completes normally again (the longest
/// window without a successful I/O); during part of it the application may get errors instead of waiting.</param>
/// <param name="StallFormula">How <paramref name="Stall"/> is made of the terms.</param>
/// <param name="ApplicationErrors">Whether the application gets I/O errors (EIO) instead of only waiting.</param>
/// <param name="ErrorsFrom">When the errors start, after the fault; null when none are expected.</param>
/// <param name="ErrorWindow">How long they last; null when none are expected.</param>
/// <param name="ResourcesMove">Whether the resource group moves to the standby (Yes for both-paths-lost: both hold it).</param>
/// <param name="SplitBrain">Whether both storage nodes end up DRBD Primary with diverging data.</param>
/// <param name="AcknowledgedWriteLoss">Whether writes the application was told are done can be lost.</param>
/// <param name="GarpWithin">When the new owner announces the floating IPs (IPaddr2's send_arp), after the fault; null when nothing moves.</param>
/// <param name="QueueingNeeded">How long dm-multipath would have to queue with every path down for the application to see
/// no errors (the longest the session can stay down beyond its recovery timeout); null when the paths cannot all fail.</param>
/// <param name="Notes">What else the configuration says about this fault.</param>
public sealed record BudgetEstimate(
    FaultKind Fault,
    DrillRef Drill,
    IReadOnlyList<BudgetTerm> Terms,
    TimeRange Detection,
    TimeRange Takeover,
    TimeRange Stall,
    string StallFormula,
    Expectation ApplicationErrors,
    TimeRange? ErrorsFrom,
    TimeRange? ErrorWindow,
    Expectation ResourcesMove,
    Expectation SplitBrain,
    Expectation AcknowledgedWriteLoss,
    TimeRange? GarpWithin,
    TimeSpan? QueueingNeeded,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when the configuration says the application gets errors whatever the figures in the ranges (<see cref="ApplicationErrors"/> is Yes).</summary>
    public bool ApplicationErrorsExpected => ApplicationErrors == Expectation.Yes;

    /// <summary>True when every term's figure comes from the configuration, a default or a measurement (none is a not-measured stand-in).</summary>
    public bool FullyMeasured => Terms.All(t => t.Origin != TermOrigin.NotMeasured);

    /// <summary>A measured stall against the budget: within, or above (a stall shorter than the minimum is within: faster is fine).</summary>
    public bool StallWithin(TimeSpan measured) => measured <= Stall.Max;
}
