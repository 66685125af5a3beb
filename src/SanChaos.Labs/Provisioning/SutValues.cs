using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// The values templates and node commands are filled with: scalars (<c>{{name}}</c>), flags
/// (<c>{{?name}}</c>) and lists (<c>{{each:name}}</c>), all derived from the inventory, plus the few a step adds
/// with <see cref="With"/>. Immutable.
/// </summary>
public sealed class SutValues
{
    private readonly IReadOnlyDictionary<string, string> scalars;
    private readonly IReadOnlyDictionary<string, bool> flags;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists;

    internal SutValues(
        IReadOnlyDictionary<string, string> scalars,
        IReadOnlyDictionary<string, bool> flags,
        IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    {
        this.scalars = scalars;
        this.flags = flags;
        this.lists = lists;
    }

    /// <summary>
    /// The values for <paramref name="inventory"/>, seen from node <paramref name="node"/> (its interfaces,
    /// serial port and DRBD disk), or cluster-wide when null. Validates what the SAN needs and throws
    /// <see cref="Core.Errors.SanChaosException"/> naming the inventory file and the fix.
    /// </summary>
    /// <param name="inventory">The validated inventory.</param>
    /// <param name="node">A node name, or null for values shared by all nodes.</param>
    /// <param name="catalog">The command catalog whose <c>values:</c> are added; default <see cref="CommandCatalog.Default"/>.</param>
    /// <param name="wwid">The LUN's WWID when it is known from the client (overrides the computed one).</param>
    public static SutValues For(LabInventory inventory, string? node = null, CommandCatalog? catalog = null, string? wwid = null) =>
        SutValueBuilder.Build(inventory, node, catalog ?? CommandCatalog.Default, wwid);

    /// <summary>The scalar names.</summary>
    public IEnumerable<string> Names => scalars.Keys;

    /// <summary>The flag names.</summary>
    public IEnumerable<string> FlagNames => flags.Keys;

    /// <summary>The list names.</summary>
    public IEnumerable<string> ListNames => lists.Keys;

    /// <summary>The scalar <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> if unknown.</summary>
    public string this[string name] => scalars.TryGetValue(name, out var v) ? v
        : throw new KeyNotFoundException($"No SUT value '{name}'; known: {string.Join(", ", scalars.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>The LUN's WWID as the client sees it (computed from the unit serial unless given).</summary>
    public string Wwid => this["wwid"];

    /// <summary>Looks up a scalar.</summary>
    public bool TryGet(string name, out string value) => scalars.TryGetValue(name, out value!);

    /// <summary>Looks up a flag.</summary>
    public bool TryGetFlag(string name, out bool value) => flags.TryGetValue(name, out value);

    /// <summary>Looks up a list.</summary>
    public bool TryGetList(string name, out IReadOnlyList<IReadOnlyDictionary<string, string>> items) =>
        lists.TryGetValue(name, out items!);

    /// <summary>A copy with scalar <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public SutValues With(string name, string value) =>
        new(new Dictionary<string, string>(scalars, StringComparer.Ordinal) { [name] = value }, flags, lists);
}
