namespace SanChaos.Observers.Capture;

/// <summary>One line of a client's neighbour table as the harness read it.</summary>
/// <param name="Time">When the harness read the line (its own clock).</param>
/// <param name="Client">The client node.</param>
/// <param name="Entry">The parsed entry.</param>
/// <param name="Node">The node owning the entry's MAC, or null when unknown or without MAC.</param>
public sealed record NeighbourObservation(DateTimeOffset Time, string Client, NeighbourEntry Entry, string? Node)
{
    /// <inheritdoc />
    public override string ToString() => $"{Time:HH:mm:ss.fff} {Client}: {Entry}{(Node is null ? "" : " (" + Node + ")")}";
}
