namespace SanChaos.Observers.Capture;

/// <summary>The counters a packet source reports at its stop (see <see cref="CaptureStats"/>), and why it ended early.</summary>
internal readonly record struct SourceStats(long? Received, long? Dropped, long? InterfaceDropped, string? Error);
