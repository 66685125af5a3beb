namespace SanChaos.Config.Parsing;

/// <summary>One statement of a configuration file: a key, its values, and where it stands.</summary>
/// <param name="Key">The keyword (<c>deadtime</c>, <c>no_path_retry</c>, <c>protocol</c>, <c>filter</c>...).</param>
/// <param name="Values">The words after it (quotes removed; an lvm.conf list gives one value per element).</param>
/// <param name="Location">File and line of the keyword.</param>
public sealed record ConfigEntry(string Key, IReadOnlyList<string> Values, ConfigLocation Location)
{
    /// <summary>The values joined by one space (empty when there are none).</summary>
    public string Value => string.Join(" ", Values);

    /// <summary><c>key value</c> as written (quotes removed).</summary>
    public string Text => Values.Count == 0 ? Key : $"{Key} {Value}";

    /// <summary><c>node/file:line key value</c>, the form terms and findings cite.</summary>
    public string Cite => $"{Location} {Text}";
}
