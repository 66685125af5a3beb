using System.Reflection;
using SanChaos.Gherkin.Model;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace SanChaos.Gherkin.Xunit;

/// <summary>
/// Makes a theory with one <c>string</c> parameter run every scenario of a features folder: each
/// Scenario, and each Examples row of a Scenario Outline, becomes its own test case named
/// <c>Feature: Scenario</c>, with traits <c>Feature=&lt;feature name&gt;</c> and <c>Category=&lt;tag&gt;</c>
/// for each tag (so <c>dotnet test --filter "Category=kill-primary"</c> selects them), and <c>Kind=drill</c>
/// (a drill's verdict is about the SAN under test, so the tool's own test run leaves drills out with
/// <c>--filter "Kind!=drill"</c>). A file that does not parse becomes one failing test case named after
/// the file (trait <c>Category=parse-error</c>). With <c>SANCHAOS_REPEAT=N</c> every scenario is N test cases (<see cref="Repeat"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FeaturesAttribute : DataAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="directory">The features folder, relative to the repository (found by walking up), or absolute.</param>
    public FeaturesAttribute(string directory = "features") => Directory = directory;

    /// <summary>The features folder.</summary>
    public string Directory { get; }

    /// <summary>Only the scenarios with this tag (without '@'), e.g. <c>smoke</c>; default null: every scenario.</summary>
    public string? Tag { get; set; }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(Rows(Directory, Tag));

    /// <inheritdoc />
    public override bool SupportsDiscoveryEnumeration() => true;

    /// <summary>The data rows for a features folder (exposed for tests of discovery).</summary>
    public static IReadOnlyCollection<ITheoryDataRow> Rows(string directory, string? tag = null) => Rows(directory, tag, Repeat.Count());

    /// <summary>The data rows with every scenario <paramref name="count"/> times, round by round (<see cref="Repeat"/>).</summary>
    public static IReadOnlyCollection<ITheoryDataRow> Rows(string directory, string? tag, int count)
    {
        var rows = new List<ITheoryDataRow>();
        var files = FeatureSource.Load(directory);
        foreach (var file in files.Where(f => f.Errors.Count > 0))
        {
            var row = new TheoryDataRow<string>(file.ParseErrorId) { TestDisplayName = $"{file.Path}: does not parse", Label = "" };
            row.WithTrait("Feature", file.FeatureName).WithTrait("Category", "parse-error").WithTrait("Kind", "drill");
            rows.Add(row);
        }

        for (var round = 1; round <= count; round++)
            foreach (var s in files.Where(f => f.Errors.Count == 0).SelectMany(f => f.Scenarios).Where(s => tag is null || s.Tags.Contains(tag.TrimStart('@'))))
                rows.Add(RowFor(s, round, count));

        return rows;
    }

    private static TheoryDataRow<string> RowFor(Scenario s, int round, int count)
    {
        var row = new TheoryDataRow<string>(Repeat.RowId(s.Id, round, count)) { TestDisplayName = Repeat.DisplayName(s.DisplayName, round, count), Label = "" };
        row.WithTrait("Feature", s.FeatureName).WithTrait("Kind", "drill");
        foreach (var tag in s.Tags) row.WithTrait("Category", tag);
        return row;
    }
}
