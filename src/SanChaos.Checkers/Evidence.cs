namespace SanChaos.Checkers;

/// <summary>One piece of evidence for a verdict: what was seen, when and where.</summary>
/// <param name="What">What was seen, in words (a log line, a packet, a block, a figure against its budget).</param>
/// <param name="At">When, on the harness's clock; null for evidence that is not a moment (a count, a setting).</param>
/// <param name="Node">The node it concerns, if one.</param>
/// <param name="Source">Where it comes from: a history event kind, a file and line, a pcap.</param>
public sealed record Evidence(string What, DateTimeOffset? At = null, string? Node = null, string? Source = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        (At is { } t ? $"{t:HH:mm:ss.fff} " : "") + (Node is null ? "" : $"{Node}: ") + What + (Source is null ? "" : $" [{Source}]");
}
