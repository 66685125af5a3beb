using SanChaos.Config.Parsing;

namespace SanChaos.Config.Drbd;

/// <summary>An <c>on HOST { ... }</c> section of a resource, with the statements that may also be inherited from the resource.</summary>
/// <param name="Name">The host name (must be the node's <c>uname -n</c>).</param>
/// <param name="Section">The section.</param>
/// <param name="Device">The DRBD device (<c>/dev/drbd0</c>), or null.</param>
/// <param name="Disk">The backing disk (<c>/dev/md3</c>), or null.</param>
/// <param name="Address">The replication address and port, or null.</param>
/// <param name="MetaDisk">Where the meta data lives, or null.</param>
public sealed record DrbdHost(string Name, ConfigSection Section, ConfigEntry? Device, ConfigEntry? Disk, ConfigEntry? Address, ConfigEntry? MetaDisk);
