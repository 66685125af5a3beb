using SanChaos.Config.Parsing;

namespace SanChaos.Config.Lvm;

/// <summary>
/// The device filters of a node's LVM: <c>devices/filter</c> and <c>devices/global_filter</c> from lvm.conf, with
/// lvmlocal.conf's settings winning over lvm.conf's (lvm2 reads it after lvm.conf).
/// </summary>
public sealed class LvmConf
{
    private LvmConf(LvmFilter? filter, LvmFilter? globalFilter, ConfigEntry? useDevicesFile, IReadOnlyList<ConfigFile> files)
    {
        Filter = filter;
        GlobalFilter = globalFilter;
        UseDevicesFile = useDevicesFile;
        Files = files;
    }

    /// <summary><c>devices/filter</c>, or null.</summary>
    public LvmFilter? Filter { get; }

    /// <summary><c>devices/global_filter</c>, or null.</summary>
    public LvmFilter? GlobalFilter { get; }

    /// <summary><c>devices/use_devicesfile</c>, or null.</summary>
    public ConfigEntry? UseDevicesFile { get; }

    /// <summary>The files read (lvm.conf, lvmlocal.conf).</summary>
    public IReadOnlyList<ConfigFile> Files { get; }

    /// <summary>The filters that apply, global first.</summary>
    public IEnumerable<LvmFilter> Filters => new[] { GlobalFilter, Filter }.OfType<LvmFilter>();

    /// <summary>Whether LVM scans a device known by <paramref name="names"/>: every filter must accept it.</summary>
    public bool Accepts(IReadOnlyList<string> names) => Filters.All(f => f.Accepts(names));

    /// <summary>Reads lvm.conf and lvmlocal.conf from the node's files; null when it has neither.</summary>
    public static LvmConf? Parse(IReadOnlyList<ConfigFile> nodeFiles, ICollection<ConfigDiagnostic> diagnostics)
    {
        var files = new[] { "lvm.conf", "lvmlocal.conf" }.Select(n => nodeFiles.FirstOrDefault(f => f.Path == n)).OfType<ConfigFile>().ToArray();
        if (files.Length == 0) return null;
        ConfigEntry? filter = null, global = null, devicesFile = null;
        foreach (var file in files)
        {
            var root = SectionTreeBuilder.Build(file, LvmLexer.Lex(file, diagnostics), null, diagnostics);
            foreach (var devices in root.All("devices"))
            {
                filter = devices.Entry("filter") ?? filter;
                global = devices.Entry("global_filter") ?? global;
                devicesFile = devices.Entry("use_devicesfile") ?? devicesFile;
            }
        }

        return new LvmConf(ReadFilter(filter, diagnostics), ReadFilter(global, diagnostics), devicesFile, files);
    }

    private static LvmFilter? ReadFilter(ConfigEntry? entry, ICollection<ConfigDiagnostic> diagnostics)
    {
        if (entry is null) return null;
        var patterns = new List<LvmPattern>();
        foreach (var raw in entry.Values)
        {
            if (LvmPattern.Parse(raw) is { } p)
            {
                patterns.Add(p);
                if (p.Regex is null)
                    diagnostics.Add(new ConfigDiagnostic(entry.Location, Severity.Error, $"'{raw}' is not a valid regular expression", "a regular expression between the delimiters"));
            }
            else
            {
                diagnostics.Add(new ConfigDiagnostic(entry.Location, Severity.Error, $"'{raw}' is not a filter pattern", "\"a|regex|\" to accept or \"r|regex|\" to reject"));
            }
        }

        return new LvmFilter(entry, patterns);
    }
}
