using SanChaos.Core.Secrets;

namespace SanChaos.Core.History;

/// <summary>
/// Append-only, thread-safe, timestamped record of everything that happened in one run.
/// Faults, observers and steps write into it; checkers and reports read it. Messages and data values are redacted
/// as they are appended (<see cref="Redactor"/>).
/// </summary>
public sealed class RunHistory
{
    private readonly object _gate = new();
    private readonly List<HistoryEvent> _events = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty history using <paramref name="time"/> for timestamps.</summary>
    /// <param name="time">Clock; <see cref="TimeProvider.System"/> in production, a fake in tests.</param>
    public RunHistory(TimeProvider time) => _time = time;

    /// <summary>The clock the history stamps events with.</summary>
    public TimeProvider Time => _time;

    /// <summary>Appends an event stamped now and returns it.</summary>
    /// <param name="kind">See <see cref="EventKinds"/>.</param>
    /// <param name="source">Who records it.</param>
    /// <param name="message">Summary.</param>
    /// <param name="data">Optional details.</param>
    public HistoryEvent Append(string kind, string source, string message, IReadOnlyDictionary<string, string>? data = null)
    {
        lock (_gate)
        {
            var e = new HistoryEvent(_events.Count, _time.GetTimestamp(), _time.GetUtcNow(), kind, source, Redactor.Redact(message),
                Redactor.RedactValues(data ?? new Dictionary<string, string>()));
            _events.Add(e);
            return e;
        }
    }

    /// <summary>
    /// Appends an event that happened at <paramref name="at"/> (already on the harness's clock, e.g. a node's timestamp
    /// corrected by its measured offset, or a packet's capture time) and returns it. Its monotonic timestamp is derived
    /// from the distance between <paramref name="at"/> and now. Events stay in append order; readers that need time
    /// order sort by <see cref="HistoryEvent.Wall"/>.
    /// </summary>
    public HistoryEvent AppendAt(DateTimeOffset at, string kind, string source, string message, IReadOnlyDictionary<string, string>? data = null)
    {
        lock (_gate)
        {
            var nowTs = _time.GetTimestamp();
            var back = _time.GetUtcNow() - at;
            var ts = nowTs - (long)(back.TotalSeconds * _time.TimestampFrequency);
            var e = new HistoryEvent(_events.Count, ts, at, kind, source, Redactor.Redact(message), Redactor.RedactValues(data ?? new Dictionary<string, string>()));
            _events.Add(e);
            return e;
        }
    }

    /// <summary>A snapshot of the events so far, in order.</summary>
    public IReadOnlyList<HistoryEvent> Events
    {
        get { lock (_gate) return _events.ToArray(); }
    }

    /// <summary>Elapsed time between two events' monotonic timestamps.</summary>
    public TimeSpan Between(HistoryEvent from, HistoryEvent to) => _time.GetElapsedTime(from.Timestamp, to.Timestamp);
}
