namespace SanChaos.Labs.Provisioning;

/// <summary>One entry of a list section of <c>commands.yaml</c> (a mapping of scalars).</summary>
/// <param name="Index">Position in the list, from 0 (for error messages).</param>
/// <param name="Fields">The entry's keys and values.</param>
public sealed record CatalogRow(int Index, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? this[string key] => Fields.TryGetValue(key, out var v) ? v : null;
}
