namespace SanChaos.Config.Parsing;

/// <summary>
/// Which sections a format allows inside which (data, per format). The tree builder uses it to recover from a
/// missing '}': a section that cannot stand where it was opened closes the sections it cannot be part of.
/// </summary>
internal sealed class NestingRules
{
    private readonly Dictionary<string, HashSet<string>> _children;

    /// <param name="children">Parent keyword ("" for the file's top level) to the section keywords allowed in it;
    /// a parent not listed allows anything.</param>
    public NestingRules(IReadOnlyDictionary<string, string[]> children) =>
        _children = children.ToDictionary(kv => kv.Key, kv => kv.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>True or false when the parent is known; null when this format says nothing about it.</summary>
    public bool? Allows(string parent, string child) => _children.TryGetValue(parent, out var set) ? set.Contains(child) : null;

    /// <summary>The sections allowed in <paramref name="parent"/>, for messages.</summary>
    public string Describe(string parent) =>
        _children.TryGetValue(parent, out var set) && set.Count > 0 ? string.Join(", ", set.Order(StringComparer.Ordinal)) : "no sections";
}
