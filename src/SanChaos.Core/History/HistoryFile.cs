using System.Text.Json;
using SanChaos.Core.Secrets;

namespace SanChaos.Core.History;

/// <summary>
/// A history on disk: JSON Lines, one event per line in time order (<see cref="HistoryEvent.Wall"/>, then sequence),
/// fields <c>sequence, timestamp, wall, kind, source, message, data</c> (see reports/README.md). Checkers and reports
/// can be rerun from this file alone. Every line is redacted (<see cref="Redactor"/>) as it is written.
/// </summary>
public static class HistoryFile
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes <paramref name="events"/> to <paramref name="path"/> (its folder is created), replacing it.</summary>
    public static void Write(string path, IEnumerable<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        using (var w = new StreamWriter(tmp))
        {
            foreach (var e in InTimeOrder(events)) w.WriteLine(Redactor.Redact(JsonSerializer.Serialize(e, Options)));
        }

        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads a history file back.</summary>
    /// <exception cref="Errors.SanChaosException">A line is not an event: names the file and line.</exception>
    public static IReadOnlyList<HistoryEvent> Read(string path)
    {
        var events = new List<HistoryEvent>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0) continue;
            try
            {
                events.Add(JsonSerializer.Deserialize<HistoryEvent>(line, Options) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new Errors.SanChaosException($"{path}:{n}: not a history event: {e.Message}", "the file is JSON Lines written by HistoryFile.Write; restore it from the run's folder.", e);
            }
        }

        return events;
    }

    /// <summary>The events in time order (wall clock, then sequence).</summary>
    public static IReadOnlyList<HistoryEvent> InTimeOrder(IEnumerable<HistoryEvent> events) =>
        events.OrderBy(e => e.Wall).ThenBy(e => e.Sequence).ToArray();
}
