using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;

namespace SanChaos.Core.Tests;

/// <summary>docs/architecture.md's table of project references is the one the .csproj files declare, and it only points
/// one way (to projects listed above).</summary>
public sealed partial class ProjectGraphTests
{
    private static Dictionary<string, string[]> FromProjects() =>
        Directory.GetDirectories(Path.Combine(Repository.Root(), "src"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj")).Where(File.Exists)
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => XDocument.Load(p).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).Order(StringComparer.Ordinal).ToArray());

    private static List<(string Project, string[] References)> FromDocs() =>
        File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "architecture.md")).Select(l => Row().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim() == "—" ? [] : m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Order(StringComparer.Ordinal).ToArray())).ToList();

    [Fact]
    public void The_documented_graph_is_the_projects_graph()
    {
        var docs = FromDocs();
        docs.Select(r => r.Project).Should().BeEquivalentTo(FromProjects().Keys, "every project under src/ is in the table, and only those");
        foreach (var (project, references) in docs)
            references.Should().Equal(FromProjects()[project], $"docs/architecture.md lists {project}'s references as its .csproj declares them");
    }

    [Fact]
    public void The_documented_graph_points_one_way()
    {
        var docs = FromDocs();
        for (var i = 0; i < docs.Count; i++)
            foreach (var reference in docs[i].References)
                docs.FindIndex(r => r.Project == reference).Should().BeInRange(0, i - 1, $"{docs[i].Project} references {reference}, listed above it");
    }

    [GeneratedRegex(@"^\| (SanChaos\.[A-Za-z.]+) \| (.+) \|$")]
    private static partial Regex Row();
}
