using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Config.Sources;

/// <summary>
/// The configuration SanChaos writes for an inventory (<see cref="SutRenderer"/>), in the configuration layout: lint an
/// inventory before its lab runs (<c>sanchaos lint lab/rack2.yaml --rendered</c>). Files only: what exists only on running
/// nodes (the node records, multipathd's merged configuration, the arp_filter sysctls, LIO's configfs) is missing, and the
/// rules that need it stay silent. Rendering resolves the inventory's secrets (they must be readable here); they stay in
/// memory and in a <c>--save</c> folder's files of mode 0600.
/// </summary>
public static class RenderedConfig
{
    /// <summary>Renders <paramref name="inventory"/> and files what it renders under its layout paths.</summary>
    /// <param name="inventory">The lab.</param>
    /// <param name="renderer">The renderer; default the lab/sut data set SanChaos carries.</param>
    public static CollectedConfig From(LabInventory inventory, SutRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var rendered = (renderer ?? new SutRenderer()).Render(inventory);
        var nodes = inventory.Nodes.Select(n => new CollectedNode(n.Name, n.Role, rendered.FilesFor(n.Name)
            .Select(f => FolderPath(f.Path) is { } path ? new ConfigFile(n.Name, path, f.Content, ConfigFolder.ParseMode(f.Mode)) : null)
            .OfType<ConfigFile>().ToArray())).ToArray();
        return new CollectedConfig($"lab {inventory.Name} ({inventory.SourcePath}), as SanChaos renders it", nodes) { Kind = inventory.Kind };
    }

    /// <summary>Where the node file <paramref name="nodePath"/> goes in a node's folder (<see cref="ConfigLayout"/>), or null when nowhere.</summary>
    public static string? FolderPath(string nodePath)
    {
        foreach (var e in ConfigLayout.Entries.Where(e => e.NodePath is not null))
        {
            var star = e.NodePath!.IndexOf('*');
            if (star < 0)
            {
                if (e.NodePath == nodePath) return e.FolderPath;
                continue;
            }

            var (prefix, suffix) = (e.NodePath[..star], e.NodePath[(star + 1)..]);
            if (nodePath.Length > prefix.Length + suffix.Length && nodePath.StartsWith(prefix, StringComparison.Ordinal)
                && nodePath.EndsWith(suffix, StringComparison.Ordinal) && !nodePath[prefix.Length..^suffix.Length].Contains('/'))
                return e.FolderPath[..e.FolderPath.IndexOf('*')] + nodePath[prefix.Length..^suffix.Length] + e.FolderPath[(e.FolderPath.IndexOf('*') + 1)..];
        }

        return null;
    }
}
