namespace SanChaos.Gherkin.Execution;

/// <summary>Receives each finished scenario's record (reporting reads them later).</summary>
public interface IScenarioResultSink
{
    /// <summary>Stores one result.</summary>
    void Write(ScenarioResult result);
}
