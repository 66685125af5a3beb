using System.Globalization;
using System.Text;
using SanChaos.Core.History;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Reporting.Charts;

/// <summary>The I/O probe's per-second aggregates (<c>io.second</c> events: ok, errors, bytes_ok, max_latency_ms) as a
/// series, and as CSV.</summary>
internal static class IoSeries
{
    /// <summary>The CSV header.</summary>
    public const string CsvHeader = "time_utc,t_s,ok,errors,bytes_ok,max_latency_ms";

    /// <summary>The seconds of <paramref name="events"/>, in time order; empty when the probe did not run.</summary>
    public static IReadOnlyList<IoSecondRow> From(IEnumerable<HistoryEvent> events) =>
        events.Where(e => e.Kind == IoEventKinds.Second)
            .Select(e => new IoSecondRow(e.Wall, L(e, "ok"), L(e, "errors"), L(e, "bytes_ok"), D(e, "max_latency_ms")))
            .OrderBy(r => r.Start).ToArray();

    /// <summary>The rows as CSV; <c>t_s</c> counts from <paramref name="origin"/>.</summary>
    public static string Csv(IReadOnlyList<IoSecondRow> rows, DateTimeOffset origin)
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ},{(r.Start - origin).TotalSeconds:0.###},{r.Ok},{r.Errors},{r.BytesOk},{r.MaxLatencyMs:0.###}\n");
        return sb.ToString();
    }

    private static long L(HistoryEvent e, string key) =>
        long.TryParse(e.Data.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static double D(HistoryEvent e, string key) =>
        double.TryParse(e.Data.GetValueOrDefault(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
