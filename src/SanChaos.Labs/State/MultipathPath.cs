namespace SanChaos.Labs.State;

/// <summary>One path as <c>multipathd show paths raw format "%d|%t|%T|%o|%m"</c> reports it.</summary>
/// <param name="Device">SCSI disk (sda).</param>
/// <param name="DmState">Device-mapper's view: active, failed or undef.</param>
/// <param name="CheckerState">Path checker's view: ready, faulty, shaky, ghost, i/o pending, delayed, undef.</param>
/// <param name="DeviceState">The SCSI device: running, offline, unknown.</param>
/// <param name="Map">The map (alias) it belongs to, or <c>[orphan]</c>.</param>
public sealed record MultipathPath(string Device, string DmState, string CheckerState, string DeviceState, string Map)
{
    /// <summary>Usable for I/O: dm active and the checker ready.</summary>
    public bool IsActive => DmState == "active" && CheckerState == "ready";

    /// <inheritdoc />
    public override string ToString() => $"{Device} {DmState}/{CheckerState}";
}
