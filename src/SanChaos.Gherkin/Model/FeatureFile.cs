namespace SanChaos.Gherkin.Model;

/// <summary>A compiled feature file: its scenarios, or the errors that kept it from parsing.</summary>
/// <param name="Path">Path as users see it (relative).</param>
/// <param name="FullPath">Absolute path.</param>
/// <param name="FeatureName">The feature's name (the file name when it did not parse).</param>
/// <param name="Scenarios">Runnable scenarios (empty on a parse error).</param>
/// <param name="Errors">Parse errors (empty when it parsed).</param>
public sealed record FeatureFile(string Path, string FullPath, string FeatureName, IReadOnlyList<Scenario> Scenarios, IReadOnlyList<FeatureParseError> Errors)
{
    /// <summary>The id of the test case that stands for a file that did not parse.</summary>
    public string ParseErrorId => $"{Path}:parse-error";
}
