namespace SanChaos.Observers.IoProbe;

/// <summary>The writes that returned within one whole second of the harness's clock.</summary>
/// <param name="Start">The second's start.</param>
/// <param name="Ok">Writes acknowledged.</param>
/// <param name="Errors">Writes that failed.</param>
/// <param name="BytesOk">Bytes acknowledged.</param>
/// <param name="MaxLatency">The longest latency among the writes that returned in this second (zero when none did).</param>
public sealed record IoSecond(DateTimeOffset Start, int Ok, int Errors, long BytesOk, TimeSpan MaxLatency);
