using System.Globalization;
using SanChaos.Core.History;
using SanChaos.Core.Time;

namespace SanChaos.Checkers.Reading;

/// <summary>Typed access to a history event's data (every value is a string there) and citing an event as evidence.</summary>
internal static class EventData
{
    /// <summary>The value of <paramref name="key"/>, or null when absent or empty.</summary>
    public static string? Text(this HistoryEvent e, string key) => e.Data.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    /// <summary>An integer value, or null.</summary>
    public static long? Long(this HistoryEvent e, string key) =>
        long.TryParse(e.Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A decimal value, or null.</summary>
    public static double? Number(this HistoryEvent e, string key) =>
        double.TryParse(e.Text(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A value in milliseconds as a duration, or null.</summary>
    public static TimeSpan? Millis(this HistoryEvent e, string key) => e.Number(key) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>An ISO 8601 time (<c>2026-11-29T15:38:16.160Z</c>), or null.</summary>
    public static DateTimeOffset? Time(this HistoryEvent e, string key) =>
        DateTimeOffset.TryParse(e.Text(key), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;

    /// <summary>The node the event concerns (data <c>node</c>), or null.</summary>
    public static string? Node(this HistoryEvent e) => e.Text("node");

    /// <summary>Where an event is in the history: <c>drbd.change #123</c>.</summary>
    public static string Where(this HistoryEvent e) => $"{e.Kind} #{e.Sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The event as evidence: its message (or <paramref name="what"/>), time, node and place in the history.</summary>
    public static Evidence Cite(this HistoryEvent e, string? what = null) => new(what ?? e.Message, e.Wall, e.Node(), e.Where());

    /// <summary><c>15:38:16.160</c> (UTC), the way evidence writes times.</summary>
    public static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary><c>9.83 s</c>.</summary>
    public static string Span(TimeSpan d) => d < TimeSpan.Zero ? "-" + Durations.Format(-d) : Durations.Format(d);

    /// <summary>Seconds for a verdict's figures (3 decimals).</summary>
    public static double Seconds(TimeSpan d) => Math.Round(d.TotalSeconds, 3);
}
