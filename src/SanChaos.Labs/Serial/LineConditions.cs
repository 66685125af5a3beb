namespace SanChaos.Labs.Serial;

/// <summary>The cable and the receiving node at the moment bytes cross the line.</summary>
/// <param name="Plugged">The cable is plugged in.</param>
/// <param name="ReceiverPowered">The receiving node has power.</param>
/// <param name="ReceiverOpen">A process on the receiving node has its port open (someone listens).</param>
internal readonly record struct LineConditions(bool Plugged, bool ReceiverPowered, bool ReceiverOpen);
