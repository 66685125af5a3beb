namespace SanChaos.Core.History;

/// <summary>One entry of a run's history: a fault injected or healed, an observation, a step.</summary>
/// <param name="Sequence">Position in the history, starting at 0.</param>
/// <param name="Timestamp">Monotonic timestamp from <see cref="TimeProvider.GetTimestamp"/>.</param>
/// <param name="Wall">Wall-clock time, for people reading the report.</param>
/// <param name="Kind">What sort of event: see <see cref="EventKinds"/>.</param>
/// <param name="Source">Who recorded it: a fault name, an observer, a step.</param>
/// <param name="Message">Human-readable summary.</param>
/// <param name="Data">Structured details (target node, outlet, exit code...).</param>
public sealed record HistoryEvent(
    long Sequence,
    long Timestamp,
    DateTimeOffset Wall,
    string Kind,
    string Source,
    string Message,
    IReadOnlyDictionary<string, string> Data);
