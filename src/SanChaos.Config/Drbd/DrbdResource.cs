using SanChaos.Config.Parsing;

namespace SanChaos.Config.Drbd;

/// <summary>A <c>resource NAME { ... }</c> with the lookups that follow DRBD's inheritance (resource, then <c>common</c>).</summary>
public sealed class DrbdResource
{
    internal DrbdResource(ConfigSection section, ConfigSection? common, DrbdSyntax syntax)
    {
        Section = section;
        Common = common;
        Syntax = syntax;
        Hosts = section.All("on").Select(Host).ToArray();
    }

    /// <summary>The resource name (<c>r0</c>).</summary>
    public string Name => Section.Name;

    /// <summary>The resource section.</summary>
    public ConfigSection Section { get; }

    /// <summary>The <c>common</c> section it inherits from, if any.</summary>
    public ConfigSection? Common { get; }

    /// <summary>The dialect of the whole configuration.</summary>
    public DrbdSyntax Syntax { get; }

    /// <summary>Its <c>on HOST</c> sections.</summary>
    public IReadOnlyList<DrbdHost> Hosts { get; }

    /// <summary>The host section for <paramref name="node"/>, or null.</summary>
    public DrbdHost? Host(string node) => Hosts.FirstOrDefault(h => h.Name == node);

    /// <summary>
    /// The statement <paramref name="key"/> in sub-section <paramref name="section"/> (empty: directly in the resource)
    /// of the resource, of its DRBD 9 <c>connection</c> sections, then of <c>common</c>; null when none sets it.
    /// </summary>
    public ConfigEntry? Find(string section, string key)
    {
        if (section.Length == 0) return Section.Entry(key) ?? Common?.Entry(key);
        return Section.All(section).Select(s => s.Entry(key)).LastOrDefault(e => e is not null)
            ?? Section.All("connection").SelectMany(c => c.All(section)).Select(s => s.Entry(key)).LastOrDefault(e => e is not null)
            ?? Common?.All(section).Select(s => s.Entry(key)).LastOrDefault(e => e is not null);
    }

    /// <summary>The replication protocol statement (resource level, or in <c>net</c> since 8.4), or null (then C).</summary>
    public ConfigEntry? Protocol => Find("", "protocol") ?? Find("net", "protocol");

    /// <summary>The replication protocol: A, B or C (C when not set).</summary>
    public string ProtocolValue => Protocol?.Value.ToUpperInvariant() ?? "C";

    /// <summary>The fencing policy statement (<c>disk</c> in 8.x, <c>net</c> in 9), or null.</summary>
    public ConfigEntry? Fencing => Find("disk", "fencing") ?? Find("net", "fencing");

    /// <summary>The fence-peer handler (<c>fence-peer</c>, or 8.3's <c>outdate-peer</c>), or null.</summary>
    public ConfigEntry? FencePeerHandler => Find("handlers", "fence-peer") ?? Find("handlers", "outdate-peer");

    private DrbdHost Host(ConfigSection on)
    {
        var volume = on.First("volume");
        ConfigEntry? Get(string key) => on.Entry(key) ?? volume?.Entry(key) ?? Section.Entry(key) ?? Section.First("volume")?.Entry(key);
        return new DrbdHost(on.Name, on, Get("device"), Get("disk"), on.Entry("address"), Get("meta-disk") ?? Get("flexible-meta-disk"));
    }
}
