namespace SanChaos.Observers.Timeline;

/// <summary>A node's clock against the harness's, measured NTP-style over a long-lived SSH stream.</summary>
/// <param name="Node">The node.</param>
/// <param name="Offset">Node clock minus harness clock: subtract it from a node time to put it on the harness's clock.</param>
/// <param name="RoundTrip">The round trip of the exchange used; the offset is exact to within half of it.</param>
/// <param name="MeasuredAt">When (harness clock).</param>
/// <param name="Samples">Exchanges made; the one with the shortest round trip is used.</param>
public sealed record ClockOffset(string Node, TimeSpan Offset, TimeSpan RoundTrip, DateTimeOffset MeasuredAt, int Samples)
{
    /// <summary>No correction (a node whose clock could not be measured is recorded as such, not silently assumed right).</summary>
    public static ClockOffset None(string node, DateTimeOffset at) => new(node, TimeSpan.Zero, TimeSpan.MaxValue, at, 0);

    /// <inheritdoc />
    public override string ToString() =>
        Samples == 0 ? $"{Node}: clock not measured" : $"{Node}: clock offset {Offset.TotalMilliseconds:+0.0;-0.0} ms (±{RoundTrip.TotalMilliseconds / 2:0.0} ms)";
}
