using SanChaos.Config.Parsing;

namespace SanChaos.Config.Iscsi;

/// <summary>
/// One node record as <c>iscsiadm -m node -T IQN -p PORTAL</c> prints it (<c># BEGIN RECORD</c> ... <c># END RECORD</c>):
/// the settings open-iscsi really uses for that target and portal.
/// </summary>
public sealed class IscsiNodeRecord
{
    private readonly Dictionary<string, ConfigEntry> _settings;

    private IscsiNodeRecord(ConfigLocation location, IReadOnlyList<ConfigEntry> entries)
    {
        Location = location;
        _settings = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        foreach (var e in entries) _settings[e.Key] = e;
    }

    /// <summary>The <c># BEGIN RECORD</c> line.</summary>
    public ConfigLocation Location { get; }

    /// <summary>Every setting by key.</summary>
    public IReadOnlyDictionary<string, ConfigEntry> Settings => _settings;

    /// <summary>The target (<c>node.name</c>).</summary>
    public string Target => Get("node.name")?.Value ?? "";

    /// <summary>The portal (<c>node.conn[0].address:port</c>).</summary>
    public string Portal => $"{Get("node.conn[0].address")?.Value}:{Get("node.conn[0].port")?.Value}";

    /// <summary>The setting <paramref name="key"/>, or null.</summary>
    public ConfigEntry? Get(string key) => _settings.GetValueOrDefault(key);

    /// <summary>Reads every record in the output (records follow one another; lines outside records are ignored).</summary>
    public static IReadOnlyList<IscsiNodeRecord> ParseAll(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics)
    {
        var records = new List<IscsiNodeRecord>();
        var lines = file.Lines;
        List<ConfigEntry>? current = null;
        var begin = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].Trim();
            if (t.StartsWith("# BEGIN RECORD", StringComparison.Ordinal))
            {
                if (current is not null)
                    diagnostics.Add(new ConfigDiagnostic(file.At(i + 1), Severity.Error, "a record begins inside the record of line " + begin, "'# END RECORD' first"));
                current = [];
                begin = i + 1;
            }
            else if (t.StartsWith("# END RECORD", StringComparison.Ordinal))
            {
                if (current is null)
                    diagnostics.Add(new ConfigDiagnostic(file.At(i + 1), Severity.Error, "'# END RECORD' without a record", "'# BEGIN RECORD' before it"));
                else
                    records.Add(new IscsiNodeRecord(file.At(begin), current));
                current = null;
            }
            else if (current is not null && KeyValueLines.Entry(file, lines[i], i + 1) is { } e)
            {
                current.Add(e);
            }
        }

        if (current is not null)
            diagnostics.Add(new ConfigDiagnostic(file.At(lines.Count), Severity.Error, $"the record of line {begin} does not end", "'# END RECORD'"));
        return records;
    }
}
