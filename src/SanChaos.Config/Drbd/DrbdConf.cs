using System.Text.RegularExpressions;
using SanChaos.Config.Parsing;

namespace SanChaos.Config.Drbd;

/// <summary>
/// A node's DRBD configuration: <c>drbd.conf</c> and the files it includes (<c>drbd.d/*.res</c>), in the 0.7, 8.x or
/// 9 syntax. A missing '}' (the seeds' drbd.conf as printed has none) is reported and the section is closed where
/// the next section shows it must have been.
/// </summary>
public sealed class DrbdConf
{
    /// <summary>Which sections may stand where, for recovery: drbd.conf(5) of 0.7, 8.4 and 9 together.</summary>
    internal static readonly NestingRules Nesting = new(new Dictionary<string, string[]>
    {
        [""] = ["global", "common", "resource", "skip"],
        ["global"] = [],
        ["common"] = ["net", "disk", "syncer", "startup", "handlers", "options", "proxy"],
        ["resource"] = ["net", "disk", "syncer", "startup", "handlers", "options", "on", "floating", "stacked-on-top-of", "volume",
            "connection", "connection-mesh", "proxy", "skip"],
        ["on"] = ["volume", "proxy"],
        ["floating"] = ["volume"],
        ["stacked-on-top-of"] = ["volume"],
        ["connection"] = ["net", "disk", "host", "path", "volume"],
        ["net"] = [],
        ["disk"] = [],
        ["syncer"] = [],
        ["startup"] = [],
        ["handlers"] = [],
        ["options"] = [],
    });

    private DrbdConf(ConfigSection root, IReadOnlyList<ConfigFile> files)
    {
        Root = root;
        Files = files;
        Syntax = Detect(root);
        var common = root.First("common");
        Resources = root.All("resource").Select(r => new DrbdResource(r, common, Syntax)).ToArray();
    }

    /// <summary>Every section of drbd.conf and the files it includes, under one root.</summary>
    public ConfigSection Root { get; }

    /// <summary>The files read, main file first.</summary>
    public IReadOnlyList<ConfigFile> Files { get; }

    /// <summary>The dialect.</summary>
    public DrbdSyntax Syntax { get; }

    /// <summary>The resources.</summary>
    public IReadOnlyList<DrbdResource> Resources { get; }

    /// <summary>The resource called <paramref name="name"/>, or null.</summary>
    public DrbdResource? Resource(string name) => Resources.FirstOrDefault(r => r.Name == name);

    /// <summary>
    /// Reads a node's <c>drbd.conf</c> and what it includes from <paramref name="nodeFiles"/>. Without a drbd.conf,
    /// reads <c>drbd.d/*.conf</c> and <c>drbd.d/*.res</c> as the stock drbd.conf would include them. Null when the
    /// node has neither.
    /// </summary>
    public static DrbdConf? Parse(IReadOnlyList<ConfigFile> nodeFiles, ICollection<ConfigDiagnostic> diagnostics)
    {
        var main = nodeFiles.FirstOrDefault(f => f.Path == "drbd.conf");
        var dropIns = nodeFiles.Where(f => f.Path.StartsWith("drbd.d/", StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        if (main is null && dropIns.Length == 0) return null;
        var read = new List<ConfigFile>();
        var root = main is null ? null : Read(main, null, read, diagnostics);
        if (main is null)
        {
            foreach (var f in dropIns.Where(f => f.Path.EndsWith(".conf", StringComparison.Ordinal)).Concat(dropIns.Where(f => f.Path.EndsWith(".res", StringComparison.Ordinal))))
                root = Read(f, root, read, diagnostics);
        }
        else
        {
            foreach (var include in root!.Entries.Where(e => e.Key == "include").ToArray())
            {
                var pattern = include.Value.StartsWith("/etc/", StringComparison.Ordinal) ? include.Value["/etc/".Length..] : include.Value;
                var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
                var matches = nodeFiles.Where(f => regex.IsMatch(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
                if (matches.Length == 0)
                    diagnostics.Add(new ConfigDiagnostic(include.Location, Severity.Warning, $"include \"{include.Value}\" matches no collected file",
                        "the included files next to drbd.conf (collect /etc/drbd.d/ too)"));
                foreach (var m in matches) root = Read(m, root, read, diagnostics);
            }
        }

        return new DrbdConf(root!, read);
    }

    private static ConfigSection Read(ConfigFile file, ConfigSection? root, List<ConfigFile> read, ICollection<ConfigDiagnostic> diagnostics)
    {
        read.Add(file);
        return SectionTreeBuilder.Build(file, BraceLexer.Lex(file, semicolonTerminated: true, "#", diagnostics), Nesting, diagnostics, root);
    }

    private static DrbdSyntax Detect(ConfigSection root)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Walk(ConfigSection s)
        {
            keys.Add(s.Keyword);
            foreach (var e in s.Entries) keys.Add(e.Key);
            foreach (var c in s.Sections) Walk(c);
        }

        Walk(root);
        if (!keys.Contains("resource")) return DrbdSyntax.Unknown;
        if (keys.Overlaps(["incon-degr-cmd", "on-disconnect"])) return DrbdSyntax.Drbd07;
        if (keys.Overlaps(["connection-mesh", "node-id", "connection"])) return DrbdSyntax.Drbd9;
        return DrbdSyntax.Drbd8;
    }
}
