using System.Net;

namespace SanChaos.Inventory.Model;

/// <summary>A node of the lab.</summary>
/// <param name="Name">Inventory name, also its hostname (otter, weasel, badger).</param>
/// <param name="Role">Storage or client.</param>
/// <param name="Management">The address the harness reaches it on (SSH).</param>
/// <param name="Ssh">Login settings.</param>
/// <param name="Interfaces">Its interfaces, in declaration order.</param>
/// <param name="DrbdDisk">Storage nodes: the block device backing DRBD (e.g. <c>/dev/ubdb</c>, <c>/dev/md3</c>).</param>
/// <param name="SerialPort">Storage nodes: the serial device of the null-modem cable (e.g. <c>/dev/ttyS1</c>).</param>
/// <param name="MemoryMb">Embedded and Vagrant labs: RAM in MiB. Default 192 for storage, 160 for clients.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record NodeSpec(
    string Name,
    NodeRole Role,
    IPAddress Management,
    SshSpec Ssh,
    IReadOnlyList<InterfaceSpec> Interfaces,
    string? DrbdDisk,
    string? SerialPort,
    int MemoryMb,
    SourceLocation Location)
{
    /// <summary>The interface cabled to <paramref name="network"/>, or null.</summary>
    public InterfaceSpec? InterfaceOn(string network) => Interfaces.FirstOrDefault(i => i.Network == network);
}
