namespace SanChaos.Config.Parsing;

/// <summary>
/// A braced section of drbd.conf, multipath.conf or lvm.conf: <c>resource r0 { ... }</c>, <c>defaults { ... }</c>.
/// The file itself is the root section (empty keyword).
/// </summary>
public sealed class ConfigSection
{
    private readonly List<ConfigSection> _sections = [];
    private readonly List<ConfigEntry> _entries = [];

    /// <summary>Creates a section.</summary>
    /// <param name="keyword">Its keyword (<c>resource</c>, <c>on</c>, <c>defaults</c>); empty for a file's root.</param>
    /// <param name="args">The words between the keyword and '{' (<c>r0</c>, <c>weasel</c>).</param>
    /// <param name="location">Where the keyword stands.</param>
    /// <param name="parent">The enclosing section; null for a root.</param>
    public ConfigSection(string keyword, IReadOnlyList<string> args, ConfigLocation location, ConfigSection? parent)
    {
        Keyword = keyword;
        Args = args;
        Location = location;
        Parent = parent;
    }

    /// <summary>The keyword; empty for a root.</summary>
    public string Keyword { get; }

    /// <summary>The words between the keyword and '{'.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>The first argument, or empty.</summary>
    public string Name => Args.Count > 0 ? Args[0] : "";

    /// <summary>Where the keyword stands.</summary>
    public ConfigLocation Location { get; }

    /// <summary>The enclosing section.</summary>
    public ConfigSection? Parent { get; }

    /// <summary>Sub-sections in file order.</summary>
    public IReadOnlyList<ConfigSection> Sections => _sections;

    /// <summary>Statements in file order.</summary>
    public IReadOnlyList<ConfigEntry> Entries => _entries;

    /// <summary><c>keyword args</c>, e.g. <c>on weasel</c>.</summary>
    public string Title => Args.Count == 0 ? Keyword : $"{Keyword} {string.Join(" ", Args)}";

    /// <summary>Sub-sections with this keyword.</summary>
    public IEnumerable<ConfigSection> All(string keyword) => _sections.Where(s => s.Keyword == keyword);

    /// <summary>The first sub-section with this keyword, or null.</summary>
    public ConfigSection? First(string keyword) => _sections.FirstOrDefault(s => s.Keyword == keyword);

    /// <summary>The last statement with this key (the one that wins), or null.</summary>
    public ConfigEntry? Entry(string key) => _entries.LastOrDefault(e => e.Key == key);

    internal void Add(ConfigSection section) => _sections.Add(section);

    internal void Add(ConfigEntry entry) => _entries.Add(entry);
}
