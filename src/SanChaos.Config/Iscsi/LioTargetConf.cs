using SanChaos.Config.Parsing;

namespace SanChaos.Config.Iscsi;

/// <summary>
/// SanChaos's <c>/etc/sanchaos/lio-target.conf</c> (shell assignments <c>KEY='value'</c>, read by its lio-target resource
/// script): the target it builds and whether it requires CHAP (<c>AUTH='1'</c>; without it the script builds the portal
/// group in demo mode, without authentication).
/// </summary>
/// <param name="File">The file.</param>
/// <param name="Iqn">The target's name (<c>IQN=</c>), or null.</param>
/// <param name="Auth">The <c>AUTH=</c> line, or null when there is none.</param>
public sealed record LioTargetConf(ConfigFile File, string? Iqn, ConfigEntry? Auth)
{
    /// <summary>True when the script requires CHAP of every initiator.</summary>
    public bool Chap => Auth?.Value == "1";

    /// <summary>Reads the file; lines that are not assignments (comments, <c>PORTALS="$PORTALS ..."</c>) are skipped.</summary>
    public static LioTargetConf Parse(ConfigFile file)
    {
        var entries = file.Lines.Select((l, i) => KeyValueLines.Entry(file, l, i + 1)).OfType<ConfigEntry>()
            .Select(e => e with { Values = e.Values.Select(v => v.Trim('\'', '"')).ToArray() }).ToArray();
        return new LioTargetConf(file, entries.LastOrDefault(e => e.Key == "IQN")?.Value, entries.LastOrDefault(e => e.Key == "AUTH"));
    }
}
