namespace SanChaos.Labs.State;

/// <summary>The content of <c>/proc/drbd</c>: module version and the configured minors.</summary>
/// <param name="Version">Module version (e.g. 8.4.11), or null if the text had none (module not loaded).</param>
/// <param name="Devices">The minors listed.</param>
public sealed record ProcDrbd(string? Version, IReadOnlyList<DrbdDeviceStatus> Devices)
{
    /// <summary>The minor <paramref name="minor"/>, or null when /proc/drbd does not list it (resource down).</summary>
    public DrbdDeviceStatus? Device(int minor) => Devices.FirstOrDefault(d => d.Minor == minor);
}
