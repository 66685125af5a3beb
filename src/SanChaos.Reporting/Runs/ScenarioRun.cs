using SanChaos.Core.History;
using SanChaos.Gherkin.Execution;

namespace SanChaos.Reporting.Runs;

/// <summary>One scenario of a run: its record and its folder of files.</summary>
public sealed class ScenarioRun
{
    /// <summary>The history file's name inside a scenario's folder.</summary>
    public const string HistoryFileName = "history.jsonl";

    private readonly Lazy<IReadOnlyList<HistoryEvent>> _history;

    /// <summary>Creates the view of one scenario.</summary>
    /// <param name="result">Its record from scenarios.jsonl.</param>
    /// <param name="directory">Its folder of files when it exists, else null.</param>
    public ScenarioRun(ScenarioResult result, string? directory)
    {
        Result = result ?? throw new ArgumentNullException(nameof(result));
        Directory = directory;
        _history = new Lazy<IReadOnlyList<HistoryEvent>>(() =>
            HistoryPath is { } p ? HistoryFile.InTimeOrder(HistoryFile.Read(p)) : []);
    }

    /// <summary>The scenario's record.</summary>
    public ScenarioResult Result { get; }

    /// <summary>Its folder (history, captures, logs), or null when there is none.</summary>
    public string? Directory { get; }

    /// <summary>Its history file when there is one.</summary>
    public string? HistoryPath => Directory is { } d && File.Exists(Path.Combine(d, HistoryFileName)) ? Path.Combine(d, HistoryFileName) : null;

    /// <summary>Its history in time order (empty when it has none). Read on first use; throws
    /// <see cref="Core.Errors.SanChaosException"/> naming the file and line when a line is not an event.</summary>
    public IReadOnlyList<HistoryEvent> History => _history.Value;

    /// <summary>The files in its folder (relative names, sorted), empty when it has no folder.</summary>
    public IReadOnlyList<string> Files => Directory is { } d
        ? System.IO.Directory.GetFiles(d, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(d, f)).Order(StringComparer.Ordinal).ToArray()
        : [];
}
