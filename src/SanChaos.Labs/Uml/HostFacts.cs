namespace SanChaos.Labs.Uml;

/// <summary>
/// What the embedded lab needs to know about the machine before it touches it. <see cref="Current"/> reads them;
/// tests give their own so the checks run the same on any machine.
/// </summary>
/// <param name="IsRoot">The process runs as root (namespaces, TAP devices, chroot and UML need it).</param>
/// <param name="TunExists"><see cref="TunDevice"/> exists (the nodes' network cards are TAP devices).</param>
public sealed record HostFacts(bool IsRoot, bool TunExists)
{
    /// <summary>The TUN/TAP clone device.</summary>
    public const string TunDevice = "/dev/net/tun";

    /// <summary>The facts of this machine and process.</summary>
    public static HostFacts Current() => new(Environment.IsPrivilegedProcess, File.Exists(TunDevice));
}
