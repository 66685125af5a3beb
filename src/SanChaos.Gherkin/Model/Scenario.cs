namespace SanChaos.Gherkin.Model;

/// <summary>
/// A runnable scenario: a plain Scenario, or one Examples row of a Scenario Outline.
/// </summary>
/// <param name="Id">Stable id: <c>relative/path.feature:line</c> (the scenario's line, or the Examples row's).</param>
/// <param name="FeatureFile">Path of the feature file, relative to the features root's parent (as users see it).</param>
/// <param name="FeatureName">The Feature's name.</param>
/// <param name="Name">Scenario name, with the Examples row's values for outline rows.</param>
/// <param name="Line">Line of the Scenario (or Examples row).</param>
/// <param name="Tags">Tags without '@', Feature's and Examples' included, distinct.</param>
/// <param name="Steps">Steps to run, Background first.</param>
/// <param name="Description">The scenario's free-text description.</param>
public sealed record Scenario(
    string Id, string FeatureFile, string FeatureName, string Name, int Line,
    IReadOnlyList<string> Tags, IReadOnlyList<ScenarioStep> Steps, string Description)
{
    /// <summary>The test case name: <c>Feature name: Scenario name</c>.</summary>
    public string DisplayName => $"{FeatureName}: {Name}";
}
