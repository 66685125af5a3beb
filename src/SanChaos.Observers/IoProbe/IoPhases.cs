namespace SanChaos.Observers.IoProbe;

/// <summary>Throughput before, during and after a window (typically from the first fault to the last heal).</summary>
/// <param name="Before">From the probe's first submit to the window's start.</param>
/// <param name="During">The window.</param>
/// <param name="After">From the window's end to the end of observation.</param>
public sealed record IoPhases(IoThroughput Before, IoThroughput During, IoThroughput After);
