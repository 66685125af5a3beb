namespace SanChaos.Core.History;

/// <summary>History event kinds of <c>SerialLineObserver</c> (SanChaos.Observers) (data keys: <see cref="SerialEventKeys"/>).</summary>
public static class SerialEventKinds
{
    /// <summary>
    /// What one direction of the serial cable did during the scenario, recorded at its end: the change of the relay's
    /// counters between the observer's start and stop (data: <see cref="SerialEventKeys.From"/>, <see cref="SerialEventKeys.To"/>,
    /// <see cref="SerialEventKeys.Baud"/> and the byte counts).
    /// </summary>
    public const string Line = "serial.line";
}
