namespace SanChaos.Labs.State;

/// <summary>A path line of <c>multipath -ll</c>: <c>2:0:0:0 sda 8:0 active ready running</c>.</summary>
/// <param name="Hcil">host:channel:id:lun (<c>#:#:#:#</c> when the SCSI device is gone).</param>
/// <param name="Device">SCSI disk.</param>
/// <param name="MajorMinor">major:minor.</param>
/// <param name="DmState">active or failed (device-mapper's view).</param>
/// <param name="CheckerState">ready, faulty, ghost, shaky, i/o pending...</param>
/// <param name="OnlineState">running or offline.</param>
public sealed record MultipathMapPath(string Hcil, string Device, string MajorMinor, string DmState, string CheckerState, string OnlineState)
{
    /// <summary>Usable for I/O: dm active and the checker ready.</summary>
    public bool IsActive => DmState == "active" && CheckerState == "ready";
}
