namespace SanChaos.Labs.Uml;

/// <summary>
/// Host memory of one running node, from <c>/proc/PID/smaps_rollup</c> of the processes of its group. UML's helper
/// threads are processes sharing the kernel's address space (clone with CLONE_VM) and report the same figures, so
/// each address space is counted once (kcmp).
/// </summary>
/// <param name="Node">Node name.</param>
/// <param name="Processes">Host processes in its group.</param>
/// <param name="PssKb">Sum of PSS in KiB over its distinct address spaces: pages shared between them (the guest-memory
/// file the kernel and each guest process map) are divided among the mappers, so each page counts once. The honest
/// figure.</param>
/// <param name="RssKb">Sum of RSS in KiB over the same address spaces: counts a shared page once per mapper; overstates.</param>
/// <param name="GuestMemoryMb">The node's configured RAM (<c>mem=</c>): the most its guest memory can grow to.</param>
public sealed record UmlNodeMemory(string Node, int Processes, long PssKb, long RssKb, int GuestMemoryMb);
