using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using SanChaos.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// <c>lab/sut/commands.yaml</c>: the node commands provisioning and the state probes run, the output
/// patterns the parsers use, the open-iscsi node parameters and a few named values. Data, not code
/// (STYLE.md 8).
/// </summary>
public sealed class CommandCatalog
{
    /// <summary>The file name inside lab/sut.</summary>
    public const string FileName = "commands.yaml";

    private static readonly Lazy<CommandCatalog> DefaultCatalog = new(() => Load(SutData.Default));
    private readonly IReadOnlyDictionary<string, string> commands;
    private readonly IReadOnlyDictionary<string, string> patterns;
    private readonly ConcurrentDictionary<string, Regex> compiled = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> targets;

    private CommandCatalog(string origin, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> commands,
        IReadOnlyDictionary<string, string> patterns, IReadOnlyList<KeyValuePair<string, string>> iscsiNodeParameters,
        IReadOnlyList<CatalogRow> timeline, IReadOnlyList<CatalogRow> forbidden,
        IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> targets)
    {
        this.targets = targets;
        Timeline = timeline;
        Forbidden = forbidden;
        Origin = origin;
        Values = values;
        this.commands = commands;
        this.patterns = patterns;
        IscsiNodeParameters = iscsiNodeParameters;
    }

    /// <summary>The catalog of <see cref="SutData.Default"/>.</summary>
    public static CommandCatalog Default => DefaultCatalog.Value;

    /// <summary>Where it was read from.</summary>
    public string Origin { get; }

    /// <summary>The <c>values:</c> section (may use <c>{{placeholders}}</c> of the inventory).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The iSCSI targets the <c>targets:</c> section describes (<c>lio</c>, <c>tgt</c>).</summary>
    public IEnumerable<string> TargetNames => targets.Keys;

    /// <summary>The <c>iscsi_node_params:</c> section: open-iscsi node record key → value template.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> IscsiNodeParameters { get; }

    /// <summary>The <c>timeline:</c> section: what the timeline observer makes of the nodes' log and sample lines.</summary>
    public IReadOnlyList<CatalogRow> Timeline { get; }

    /// <summary>The <c>forbidden:</c> section: log lines that must never appear on a node (the forbidden-lines checker).</summary>
    public IReadOnlyList<CatalogRow> Forbidden { get; }

    /// <summary>The command names.</summary>
    public IEnumerable<string> CommandNames => commands.Keys;

    /// <summary>The pattern names.</summary>
    public IEnumerable<string> PatternNames => patterns.Keys;

    /// <summary>Reads <see cref="FileName"/> from <paramref name="data"/>.</summary>
    public static CommandCatalog Load(SutData data)
    {
        var root = SutYaml.Root(data, FileName);
        var origin = $"{data.Origin}/{FileName}";
        return new CommandCatalog(origin,
            SutYaml.Scalars(SutYaml.Section(root, "values")).ToDictionary(StringComparer.Ordinal),
            SutYaml.Scalars(SutYaml.Section(root, "commands")).ToDictionary(StringComparer.Ordinal),
            SutYaml.Scalars(SutYaml.Section(root, "patterns")).ToDictionary(StringComparer.Ordinal),
            SutYaml.Scalars(SutYaml.Section(root, "iscsi_node_params")).ToArray(),
            Rows(SutYaml.List(root, "timeline")), Rows(SutYaml.List(root, "forbidden")), Targets(origin, SutYaml.Section(root, "targets")));
    }

    /// <summary>
    /// The <c>targets:</c> values of the iSCSI target <paramref name="implementation"/> (in file order: a value may use those
    /// before it), which <see cref="SutValues"/> adds to <see cref="Values"/> for a lab of that target.
    /// </summary>
    /// <exception cref="SanChaosException">commands.yaml does not describe that target.</exception>
    public IReadOnlyList<KeyValuePair<string, string>> TargetValues(string implementation) =>
        targets.TryGetValue(implementation, out var v) ? v
            : throw new SanChaosException($"{Origin} has no `targets: {implementation}:` section, so SanChaos cannot run the iSCSI target '{implementation}'.",
                $"use `implementation:` {string.Join(" or ", targets.Keys)} in the inventory's sut.iscsi_target, or describe the target in {FileName}.");

    /// <summary>
    /// Reads <c>targets:</c>. Every target names the same keys, since commands may use any of them; a key only one target
    /// needs starts with that target's name (<c>lio_tpg</c>, <c>tgt_marker</c>).
    /// </summary>
    private static Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Targets(string origin, YamlMappingNode? section)
    {
        var result = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var (k, v) in section?.Children.AsEnumerable() ?? [])
            if (k is YamlScalarNode { Value: { } name })
                result[name] = SutYaml.Scalars(v as YamlMappingNode).ToArray();
        bool Own(string key) => result.Keys.Any(t => key.StartsWith(t + "_", StringComparison.Ordinal));
        var shared = result.Values.SelectMany(v => v.Select(x => x.Key)).Where(key => !Own(key)).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, values) in result)
        {
            var missing = shared.Except(values.Select(x => x.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
                throw new SanChaosException($"{origin}: targets: {name}: lacks {string.Join(", ", missing)}, which another target names.",
                    $"give {name} every key the other targets have (commands may use any of them); a key only one target needs starts with its name (lio_tpg).");
        }

        return result;
    }

    private static CatalogRow[] Rows(YamlSequenceNode? list) =>
        list is null ? [] : list.Children.Select((n, i) => new CatalogRow(i, n is YamlMappingNode m
            ? SutYaml.Scalars(m).ToDictionary(StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal))).ToArray();

    /// <summary>The command template <paramref name="name"/> as written.</summary>
    public string Template(string name) => commands.TryGetValue(name, out var c) ? c : throw Missing("command", name, commands.Keys);

    /// <summary>The command <paramref name="name"/> filled with <paramref name="values"/>.</summary>
    public string Command(string name, SutValues values) =>
        TemplateEngine.RenderLine(Template(name), values, $"{FileName} commands.{name}");

    /// <summary>A template string (e.g. an iSCSI parameter value) filled with <paramref name="values"/>.</summary>
    public static string Fill(string template, SutValues values, string name) => TemplateEngine.RenderLine(template, values, name);

    /// <summary>The compiled pattern <paramref name="name"/>.</summary>
    public Regex Pattern(string name) => compiled.GetOrAdd(name, n =>
    {
        var text = patterns.TryGetValue(n, out var p) ? p : throw Missing("pattern", n, patterns.Keys);
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new SanChaosException($"{Origin}: pattern {n} is not a valid .NET regular expression: {e.Message}",
                "fix the pattern (YAML single quotes: write '' for a quote).", e);
        }
    });

    private SanChaosException Missing(string kind, string name, IEnumerable<string> known) =>
        new($"{Origin} has no {kind} '{name}'.", $"add it, or use one of: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
}
