using SanChaos.Config.Parsing;

namespace SanChaos.Config.Timing;

/// <summary>A value the SUT runs with and where it comes from: a line of a file, or a built-in default.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Source">The line it was read from (<c>weasel/ha.cf:7 deadtime 10</c>) or the default's provenance.</param>
/// <param name="At">The location; null for a built-in default.</param>
public sealed record Setting<T>(T Value, string Source, ConfigLocation? At)
{
    /// <summary>True when no file sets it.</summary>
    public bool IsDefault => At is null;

    /// <summary>A value read from <paramref name="entry"/>.</summary>
    public static Setting<T> From(ConfigEntry entry, T value, string? note = null) =>
        new(value, note is null ? entry.Cite : $"{entry.Cite} ({note})", entry.Location);

    /// <summary>A built-in default.</summary>
    public static Setting<T> Default(T value, string provenance) => new(value, provenance, null);
}
