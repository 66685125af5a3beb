using SanChaos.Inventory.Model;

namespace SanChaos.Config.Sources;

/// <summary>The raw configuration of a SAN, from a folder or a live lab, before parsing.</summary>
/// <param name="Origin">Where it came from (a folder path, or "lab NAME (inventory)").</param>
/// <param name="Nodes">Its nodes.</param>
public sealed record CollectedConfig(string Origin, IReadOnlyList<CollectedNode> Nodes)
{
    /// <summary>
    /// What the lab runs on, when known: from the inventory for a live or rendered configuration, from the folder's
    /// <see cref="ConfigLayout.LabKindFile"/> for a folder. Rules whose weight depends on who can reach the SAN use it.
    /// </summary>
    public LabKind? Kind { get; init; }

    /// <summary>A copy with <paramref name="node"/>'s file <paramref name="path"/> replaced by <paramref name="text"/> (added when missing): for what-if budgets and tests.</summary>
    public CollectedConfig WithFile(string node, string path, string text) => this with
    {
        Nodes = Nodes.Select(n => n.Name != node
            ? n
            : n with
            {
                Files = n.Files.Any(f => f.Path == path)
                    ? n.Files.Select(f => f.Path == path ? f with { Text = text } : f).ToArray()
                    : [.. n.Files, new ConfigFile(node, path, text)],
            }).ToArray(),
    };

    /// <summary>A copy where <paramref name="edit"/> rewrote the text of <paramref name="node"/>'s file <paramref name="path"/>.</summary>
    public CollectedConfig Edit(string node, string path, Func<string, string> edit)
    {
        var file = Nodes.FirstOrDefault(n => n.Name == node)?.Files.FirstOrDefault(f => f.Path == path)
            ?? throw new ArgumentException($"{Origin} has no file {node}/{path}.", nameof(path));
        return WithFile(node, path, edit(file.Text));
    }
}
