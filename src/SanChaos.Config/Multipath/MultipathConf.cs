using SanChaos.Config.Parsing;

namespace SanChaos.Config.Multipath;

/// <summary>
/// <c>/etc/multipath.conf</c>, or <c>multipathd show config</c> output (the same syntax, with the built-in hardware
/// table in <c>devices</c>): sections defaults, blacklist, blacklist_exceptions, devices, multipaths, overrides.
/// A statement is the rest of its line; '#' and '!' start comments.
/// </summary>
/// <param name="File">The file.</param>
/// <param name="Root">Its sections.</param>
public sealed record MultipathConf(ConfigFile File, ConfigSection Root)
{
    /// <summary>Which sections may stand where (multipath.conf(5)).</summary>
    internal static readonly NestingRules Nesting = new(new Dictionary<string, string[]>
    {
        [""] = ["defaults", "blacklist", "blacklist_exceptions", "devices", "multipaths", "overrides"],
        ["defaults"] = [],
        ["blacklist"] = ["device"],
        ["blacklist_exceptions"] = ["device"],
        ["devices"] = ["device"],
        ["multipaths"] = ["multipath"],
        ["overrides"] = ["protocol"],
        ["device"] = [],
        ["multipath"] = [],
    });

    /// <summary>The defaults section, or null.</summary>
    public ConfigSection? Defaults => Root.All("defaults").LastOrDefault();

    /// <summary>The overrides section, or null.</summary>
    public ConfigSection? Overrides => Root.All("overrides").LastOrDefault();

    /// <summary>The blacklist section, or null.</summary>
    public ConfigSection? Blacklist => Root.First("blacklist");

    /// <summary>Every <c>device</c> of every <c>devices</c> section, in file order (later entries win).</summary>
    public IReadOnlyList<ConfigSection> Devices => Root.All("devices").SelectMany(d => d.All("device")).ToArray();

    /// <summary>Every <c>multipath</c> of every <c>multipaths</c> section.</summary>
    public IReadOnlyList<ConfigSection> Multipaths => Root.All("multipaths").SelectMany(d => d.All("multipath")).ToArray();

    /// <summary>Reads multipath.conf or <c>multipathd show config</c> output.</summary>
    public static MultipathConf Parse(ConfigFile file, ICollection<ConfigDiagnostic> diagnostics) =>
        new(file, SectionTreeBuilder.Build(file, BraceLexer.Lex(file, semicolonTerminated: false, "#!", diagnostics), Nesting, diagnostics));

    /// <summary>
    /// The statement multipathd uses for <paramref name="key"/> on the map of <paramref name="wwid"/> whose paths report
    /// <paramref name="vendor"/>: its <c>multipaths</c> entry, then <c>overrides</c>, then the last matching <c>devices</c>
    /// entry, then <c>defaults</c>. Null when none sets it (the built-in default applies).
    /// </summary>
    /// <param name="key">Attribute name.</param>
    /// <param name="wwid">The map's WWID; null matches no multipaths entry.</param>
    /// <param name="vendor">The SCSI vendor of the paths (<c>LIO-ORG</c>, <c>IET</c>); null matches no device entry.</param>
    public MultipathSetting? Resolve(string key, string? wwid, string? vendor)
    {
        var mp = Multipaths.LastOrDefault(m => wwid is not null && m.Entry("wwid")?.Value == wwid);
        if (mp?.Entry(key) is { } a) return new MultipathSetting(a, $"multipaths, wwid {wwid}");
        if (Overrides?.Entry(key) is { } b) return new MultipathSetting(b, "overrides");
        var device = Devices.LastOrDefault(d => vendor is not null && d.Entry(key) is not null && VendorMatches(d, vendor));
        if (device?.Entry(key) is { } c) return new MultipathSetting(c, $"devices, vendor \"{device.Entry("vendor")?.Value}\"");
        return Defaults?.Entry(key) is { } d2 ? new MultipathSetting(d2, "defaults") : null;
    }

    private static bool VendorMatches(ConfigSection device, string vendor)
    {
        var pattern = device.Entry("vendor")?.Value;
        return pattern is not null && Patterns.TryCompile(pattern)?.IsMatch(vendor) == true;
    }
}
