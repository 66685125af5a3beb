using SanChaos.Inventory.Model;
using SanChaos.Labs.Capabilities;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Who owns a MAC address: node and interface, from the inventory's interface MACs (and, for a lab that knows them, such as the
/// embedded lab, the MACs it gave interfaces the inventory left without one). MACs are compared in lower-case colon form.
/// </summary>
public sealed class MacDirectory
{
    private readonly Dictionary<string, (string Node, string Interface)> _owners;

    private MacDirectory(Dictionary<string, (string Node, string Interface)> owners) => _owners = owners;

    /// <summary>A directory that knows no MAC.</summary>
    public static MacDirectory Empty { get; } = new(new Dictionary<string, (string, string)>(StringComparer.Ordinal));

    /// <summary>Every interface of <paramref name="inventory"/> that declares a MAC, plus <paramref name="extra"/> (which wins).</summary>
    public static MacDirectory FromInventory(LabInventory inventory, MacDirectory? extra = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return Empty.With(inventory.Nodes.SelectMany(n => n.Interfaces.Where(i => i.Mac is not null).Select(i => (i.Mac!, n.Name, i.Name))))
            .With(extra ?? Empty);
    }

    /// <summary>Every interface a lab knows (<see cref="ICaptureSites.Interfaces"/>: all of the embedded lab's have MACs).</summary>
    public static MacDirectory FromOwners(IEnumerable<InterfaceOwner> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        return Empty.With(owners.Select(o => (o.Mac, o.Node, o.Interface)));
    }

    /// <summary>This directory plus <paramref name="entries"/> (a later entry for the same MAC wins).</summary>
    public MacDirectory With(IEnumerable<(string Mac, string Node, string Interface)> entries)
    {
        var d = new Dictionary<string, (string, string)>(_owners, StringComparer.Ordinal);
        foreach (var (mac, node, nic) in entries) d[MacText.Normalize(mac)] = (node, nic);
        return new MacDirectory(d);
    }

    /// <summary>This directory plus every entry of <paramref name="other"/>.</summary>
    public MacDirectory With(MacDirectory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return With(other._owners.Select(kv => (kv.Key, kv.Value.Node, kv.Value.Interface)));
    }

    /// <summary>The node owning <paramref name="mac"/>, or null when no known interface has it.</summary>
    public string? NodeOf(string mac) => _owners.TryGetValue(MacText.Normalize(mac), out var o) ? o.Node : null;

    /// <summary>The node and interface owning <paramref name="mac"/>, or null.</summary>
    public (string Node, string Interface)? OwnerOf(string mac) => _owners.TryGetValue(MacText.Normalize(mac), out var o) ? o : null;

    /// <summary>How many MACs it knows.</summary>
    public int Count => _owners.Count;
}
