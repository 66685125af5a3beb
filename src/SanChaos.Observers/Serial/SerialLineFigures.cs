using System.Globalization;
using SanChaos.Core.History;

namespace SanChaos.Observers.Serial;

/// <summary>
/// A scenario's serial-line figures, from its <see cref="SerialEventKinds.Line"/> events, per direction:
/// <c>serial_forwarded_bytes otter→weasel</c>, <c>serial_dropped_bytes otter→weasel (reason)</c> for each reason (pulled,
/// off, closed, overrun) and <c>serial_flushed_bytes otter→weasel</c>, zeros included: the relay counted them. No event, no
/// figure.
/// </summary>
public static class SerialLineFigures
{
    /// <summary>The drop reasons, in the order of the figures, with their data keys.</summary>
    private static readonly (string Reason, string Key)[] Drops =
    [
        ("pulled", SerialEventKeys.DroppedPulled), ("off", SerialEventKeys.DroppedOff),
        ("closed", SerialEventKeys.DroppedClosed), ("overrun", SerialEventKeys.DroppedOverrun),
    ];

    /// <summary>The figures of <paramref name="events"/> (any order; several events of one direction add up).</summary>
    public static IReadOnlyList<Figure> From(IEnumerable<HistoryEvent> events)
    {
        var figures = new List<Figure>();
        foreach (var direction in events.Where(e => e.Kind == SerialEventKinds.Line)
                     .GroupBy(e => (From: e.Data.GetValueOrDefault(SerialEventKeys.From) ?? "?", To: e.Data.GetValueOrDefault(SerialEventKeys.To) ?? "?")))
        {
            var (from, to) = direction.Key;
            long Sum(string key) => direction.Sum(e => long.TryParse(e.Data.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0);
            var baud = direction.Select(e => e.Data.GetValueOrDefault(SerialEventKeys.Baud)).FirstOrDefault(b => b is not null and not "0");
            var pace = baud is null ? "not paced" : $"at {baud} baud";
            figures.Add(new Figure($"serial_forwarded_bytes {from}→{to}", $"{Sum(SerialEventKeys.Forwarded)} B",
                $"into {to}'s receive buffer, {pace}, whole scenario"));
            foreach (var (reason, key) in Drops)
                figures.Add(new Figure($"serial_dropped_bytes {from}→{to} ({reason})", $"{Sum(key)} B", Why(reason, to)));
            figures.Add(new Figure($"serial_flushed_bytes {from}→{to}", $"{Sum(SerialEventKeys.Flushed)} B",
                $"lost from a buffer when {to} lost power or closed its port, or unsent by {from} when it lost power"));
        }

        return figures;
    }

    private static string Why(string reason, string to) => reason switch
    {
        "pulled" => "sent while the cable was pulled",
        "off" => $"sent while {to} had no power",
        "closed" => $"sent while nobody on {to} had the port open",
        _ => $"{to}'s receive buffer was full (nobody read it)",
    };
}
