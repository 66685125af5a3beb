namespace SanChaos.Labs.Uml;

/// <summary>One node of the embedded lab: a user-mode Linux kernel booting the shared image.</summary>
/// <param name="Name">Node name, also its hostname (<c>otter</c>, <c>weasel</c>, <c>badger</c>). Lower-case letters,
/// digits and '-'.</param>
/// <param name="MemoryMb">Guest RAM in MiB (UML <c>mem=</c>); 192 for a storage node and 160 for the client keep
/// the three nodes under 1.5 GiB on the host. At least 96.</param>
/// <param name="Interfaces">Its NICs, in order (<c>vec0</c> is the first); the first one with an address on the
/// topology's management bridge is where the harness reaches it over SSH.</param>
/// <param name="DataDiskMb">Size of a second, sparse disk (<c>/dev/ubdb</c>, DRBD's backing device on the storage
/// nodes) in MiB; 0 for none. It survives power cycles and is deleted with the run.</param>
public sealed record UmlNodeSpec(string Name, int MemoryMb, IReadOnlyList<UmlInterface> Interfaces, int DataDiskMb = 0);
