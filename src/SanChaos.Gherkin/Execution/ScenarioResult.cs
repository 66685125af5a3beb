using SanChaos.Core.History;
namespace SanChaos.Gherkin.Execution;

/// <summary>The record of one scenario run, for reports.</summary>
/// <param name="Id">Scenario id (file:line).</param>
/// <param name="FeatureFile">Feature file.</param>
/// <param name="Feature">Feature name.</param>
/// <param name="Name">Scenario name.</param>
/// <param name="Tags">Tags.</param>
/// <param name="RunId">The run id of its context (labels what it created).</param>
/// <param name="Seed">The seed of its context.</param>
/// <param name="Status">Passed, or the status of the step that did not pass.</param>
/// <param name="Started">Wall-clock start.</param>
/// <param name="Duration">Total duration, hooks included.</param>
/// <param name="Steps">Every step, in order.</param>
/// <param name="Error">Failure message (first failing step or hook), if any.</param>
/// <param name="TeardownErrors">Errors of after-hooks and disposal, kept beside the original failure.</param>
/// <param name="Figures">What the scenario measured (see <see cref="ScenarioContext.Figures"/>); empty when nothing was.</param>
/// <param name="ArtifactDirectory">The scenario's folder of files (history.jsonl, pcaps, probe logs), if any.</param>
/// <param name="Verdicts">The checkers' verdicts (see <see cref="ScenarioContext.Verdicts"/>).</param>
/// <param name="Repairs">Repairs the lab's recovery made at its end (see <see cref="ScenarioContext.Repairs"/>); null in
/// records written before they were kept (unknown, not none).</param>
public sealed record ScenarioResult(string Id, string FeatureFile, string Feature, string Name, IReadOnlyList<string> Tags,
    string RunId, int Seed, StepStatus Status, DateTimeOffset Started, TimeSpan Duration, IReadOnlyList<StepResult> Steps,
    string? Error, IReadOnlyList<string> TeardownErrors, IReadOnlyList<Figure>? Figures = null, string? ArtifactDirectory = null,
    IReadOnlyList<ScenarioVerdict>? Verdicts = null, IReadOnlyList<ScenarioRepair>? Repairs = null)
{
    /// <summary>The outcome class (<see cref="ScenarioOutcome.Classify"/>), set once the scenario has ended; null in
    /// records written before classes existed (readers classify those themselves, see <see cref="Classified"/>).</summary>
    public ScenarioOutcome? Outcome { get; init; }

    /// <summary>The stored outcome, or the record classified now.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ScenarioOutcome Classified => Outcome ?? ScenarioOutcome.Classify(this);
}
