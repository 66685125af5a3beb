using SanChaos.Inventory.Model;

namespace SanChaos.Config.Sources;

/// <summary>The raw files of one node.</summary>
/// <param name="Name">The node name (its folder's name).</param>
/// <param name="Role">Storage or client when known (from the inventory); null when told by the files.</param>
/// <param name="Files">Its files.</param>
public sealed record CollectedNode(string Name, NodeRole? Role, IReadOnlyList<ConfigFile> Files);
