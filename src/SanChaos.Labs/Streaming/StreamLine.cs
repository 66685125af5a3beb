namespace SanChaos.Labs.Streaming;

/// <summary>One line of a remote stream's output.</summary>
/// <param name="Received">Monotonic timestamp (<see cref="TimeProvider.GetTimestamp"/> of the stream's clock) when the harness read it.</param>
/// <param name="Text">The line, without its newline.</param>
public readonly record struct StreamLine(long Received, string Text);
