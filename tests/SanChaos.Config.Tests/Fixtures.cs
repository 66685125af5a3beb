using SanChaos.Config.Budget;
using SanChaos.Config.Sources;

namespace SanChaos.Config.Tests;

/// <summary>The configuration folders under Fixtures/ (copied next to the test binary) and variants of them.</summary>
internal static class Fixtures
{
    /// <summary>Measured on the embedded lab at lab up (2026-11-29): the resource group held after 35 s; the stock agents take 35–55 s under UML.</summary>
    public static readonly MeasuredTerms EmbeddedLab = MeasuredTerms.NotMeasured with
    {
        ResourceGroupStart = MeasuredTerm.Measured(TimeRange.Seconds(35, 55),
            "measured on lab embedded at lab up (2026-11-29): wait until one node holds the resource group 35 s; stock agents 35-55 s under UML"),
    };

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static CollectedConfig Collected(string name) => ConfigFolder.Load(Folder(name));

    public static SutConfiguration Load(string name) => SutConfiguration.Parse(Collected(name));

    /// <summary>The same edit on every node that has <paramref name="path"/>.</summary>
    public static CollectedConfig EditAll(this CollectedConfig config, string path, Func<string, string> edit) =>
        config.Nodes.Where(n => n.Files.Any(f => f.Path == path)).Aggregate(config, (c, n) => c.Edit(n.Name, path, edit));

    public static SutConfiguration Parse(this CollectedConfig config) => SutConfiguration.Parse(config);

    /// <summary>A one-file node for parser tests.</summary>
    public static ConfigFile File(string path, string text, string node = "otter") => new(node, path, text);
}
