namespace SanChaos.Checkers.Application;

/// <summary>Options of <see cref="ApplicationErrorsChecker"/>.</summary>
public sealed record ApplicationErrorsOptions
{
    /// <summary>
    /// How long the application's I/O survives once the initiator noticed a dead portal before writes fail: the session's
    /// recovery timeout plus dm-multipath's queueing (<c>ClientTimings.PathLossTolerance</c> of the configuration). Used
    /// only for the margin of a race the application won (no error). Default null: not known, or queueing for ever.
    /// </summary>
    public TimeSpan? PathLossTolerance { get; init; }

    /// <summary>Where <see cref="PathLossTolerance"/> comes from, for the evidence. Default "the configuration".</summary>
    public string ToleranceSource { get; init; } = "the configuration";
}
