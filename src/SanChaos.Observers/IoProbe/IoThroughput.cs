namespace SanChaos.Observers.IoProbe;

/// <summary>What the probe achieved between two instants of the harness's clock (writes counted by when they returned).</summary>
/// <param name="From">Start of the interval.</param>
/// <param name="To">End of the interval (exclusive).</param>
/// <param name="Ok">Writes acknowledged.</param>
/// <param name="Errors">Writes that failed.</param>
/// <param name="BytesOk">Bytes acknowledged.</param>
public sealed record IoThroughput(DateTimeOffset From, DateTimeOffset To, int Ok, int Errors, long BytesOk)
{
    /// <summary>Length of the interval.</summary>
    public TimeSpan Duration => To > From ? To - From : TimeSpan.Zero;

    /// <summary>Acknowledged writes per second (0 for an empty interval).</summary>
    public double WritesPerSecond => Duration > TimeSpan.Zero ? Ok / Duration.TotalSeconds : 0;

    /// <summary>Acknowledged megabytes (10^6 bytes) per second (0 for an empty interval).</summary>
    public double MegabytesPerSecond => Duration > TimeSpan.Zero ? BytesOk / 1e6 / Duration.TotalSeconds : 0;
}
