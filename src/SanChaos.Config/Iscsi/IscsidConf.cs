using SanChaos.Config.Parsing;

namespace SanChaos.Config.Iscsi;

/// <summary>
/// <c>/etc/iscsi/iscsid.conf</c>: <c>key = value</c> lines, '#' comments. Its <c>node.*</c> settings are copied into a
/// node record when the record is created (discovery or <c>-o new</c>); editing the file later changes no existing record.
/// </summary>
/// <param name="File">The file.</param>
/// <param name="Entries">Settings in file order (value in <see cref="ConfigEntry.Value"/>).</param>
public sealed record IscsidConf(ConfigFile File, IReadOnlyList<ConfigEntry> Entries)
{
    /// <summary>The last setting of <paramref name="key"/>, or null.</summary>
    public ConfigEntry? Get(string key) => Entries.LastOrDefault(e => e.Key == key);

    /// <summary>Reads iscsid.conf.</summary>
    public static IscsidConf Parse(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics) =>
        new(file, KeyValueLines.Parse(file, diagnostics, "'key = value' (e.g. node.session.timeo.replacement_timeout = 15)"));
}
