namespace SanChaos.Labs;

/// <summary>
/// Optional capability of an <see cref="IOutletActuator"/>: when a device's power last changed, recorded by the lab at the
/// physical moment (the embedded lab: the instant it froze a node's kernel, or started it; the instant it set a switch's
/// bridge ports). The lab's PDU reports it with the outlet, so a drill counts its figures from the power cut itself rather
/// than from when its read-back confirmed it.
/// </summary>
public interface IOutletClock
{
    /// <summary>The wall-clock time <paramref name="device"/>'s power last changed, or null when this lab has not changed it.</summary>
    DateTimeOffset? PowerChangedAt(string device);
}
