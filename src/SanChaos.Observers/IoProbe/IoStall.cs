namespace SanChaos.Observers.IoProbe;

/// <summary>
/// An interval in which no write was acknowledged, measured from the last acknowledged completion before it to the
/// first one after it, on the harness's clock.
/// </summary>
/// <param name="Start">The last acknowledged completion before the stall, or the probe's first submit when none came before.</param>
/// <param name="End">The first acknowledged completion after it, or the end of observation when none came (see <see cref="Recovered"/>).</param>
/// <param name="BeforeSeq">The write acknowledged at <see cref="Start"/>; null when the stall began with the probe.</param>
/// <param name="AfterSeq">The write acknowledged at <see cref="End"/>; null when no write was acknowledged again.</param>
/// <param name="FailedWrites">Writes that failed (errno or short) inside the stall.</param>
public sealed record IoStall(DateTimeOffset Start, DateTimeOffset End, long? BeforeSeq, long? AfterSeq, int FailedWrites)
{
    /// <summary>How long no write was acknowledged.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>False when writes were still not acknowledged when observation ended.</summary>
    public bool Recovered => AfterSeq is not null;
}
