using SanChaos.Inventory.Model;

namespace SanChaos.Config.Sources;

/// <summary>One file of the configuration layout: where it lives in a node's folder and how it is read on the node.</summary>
/// <param name="FolderPath">Its path in the node's folder (<c>ha.cf</c>, <c>drbd.d/*.res</c>, <c>sysctl-arp_filter.txt</c>).</param>
/// <param name="NodePath">The file (or glob) on the node, or null for command output.</param>
/// <param name="Command">The command whose output is the file, or null for a plain file.</param>
/// <param name="Role">Which nodes have it; null for every node.</param>
public sealed record LayoutEntry(string FolderPath, string? NodePath, string? Command, NodeRole? Role);
