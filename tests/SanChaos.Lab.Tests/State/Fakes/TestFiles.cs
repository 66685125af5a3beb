using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;

namespace SanChaos.Lab.Tests.State.Fakes;

/// <summary>Finds files of the repository from the test's output directory.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "SanChaos.sln"))) return d.FullName;
        throw new InvalidOperationException($"No SanChaos.sln above {AppContext.BaseDirectory}.");
    });

    public static string RepoPath(string relative) => Path.Combine(Root.Value, relative);

    /// <summary>A command output sample from tests/SanChaos.Lab.Tests/State/Samples.</summary>
    public static string Sample(string name) => File.ReadAllText(RepoPath(Path.Combine("tests", "SanChaos.Lab.Tests", "State", "Samples", name)));

    /// <summary>lab/embedded.yaml, loaded and validated.</summary>
    public static LabInventory Embedded() => InventoryLoader.Load(RepoPath(Path.Combine("lab", "embedded.yaml")));

    /// <summary>lab/embedded.yaml with a text replacement (to vary one setting).</summary>
    public static LabInventory EmbeddedWith(string find, string replace)
    {
        var path = RepoPath(Path.Combine("lab", "embedded.yaml"));
        var text = File.ReadAllText(path);
        if (!text.Contains(find, StringComparison.Ordinal)) throw new InvalidOperationException($"embedded.yaml has no '{find}'.");
        return InventoryLoader.Parse(path, text.Replace(find, replace, StringComparison.Ordinal));
    }
}
