namespace SanChaos.Labs.Streaming;

/// <summary>How <see cref="IStreamingNode.Start"/> runs a command.</summary>
public sealed record RemoteStreamOptions
{
    /// <summary>
    /// True: the command reads the stream's input (<see cref="IRemoteStream.WriteLineAsync"/>) and must end by itself on
    /// end of input. False (default): the node runs the command in the background and kills it when its input closes,
    /// so a follower (<c>tail -F</c>, a sampler loop) never outlives the harness.
    /// </summary>
    public bool Interactive { get; init; }

    /// <summary>
    /// True: standard output is binary (e.g. <c>tcpdump -U -w -</c>) and is handed over as bytes through
    /// <see cref="IRemoteStream.Output"/>; <see cref="IRemoteStream.Lines"/> then completes at once without a line.
    /// False (default): output is read as text lines.
    /// </summary>
    public bool Binary { get; init; }

    /// <summary>Clock for <see cref="StreamLine.Received"/>; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? Time { get; init; }
}
