namespace SanChaos.Reporting.Charts;

/// <summary>One second of the I/O probe (an <c>io.second</c> event).</summary>
/// <param name="Start">The second's start.</param>
/// <param name="Ok">Writes acknowledged.</param>
/// <param name="Errors">Writes that failed.</param>
/// <param name="BytesOk">Bytes acknowledged.</param>
/// <param name="MaxLatencyMs">The longest latency among the writes that returned in it, ms.</param>
internal sealed record IoSecondRow(DateTimeOffset Start, long Ok, long Errors, long BytesOk, double MaxLatencyMs);
