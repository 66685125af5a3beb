using System.Globalization;

namespace SanChaos.Config.Budget;

/// <summary>A closed range of durations, the unit of the failover budget.</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound (at least <paramref name="Min"/>).</param>
public readonly record struct TimeRange(TimeSpan Min, TimeSpan Max)
{
    /// <summary>[0, 0].</summary>
    public static TimeRange Zero => default;

    /// <summary>A range in seconds.</summary>
    public static TimeRange Seconds(double min, double max) => new(TimeSpan.FromSeconds(min), TimeSpan.FromSeconds(max));

    /// <summary>[d, d].</summary>
    public static TimeRange Exactly(TimeSpan d) => new(d, d);

    /// <summary>Term by term sum.</summary>
    public static TimeRange operator +(TimeRange a, TimeRange b) => new(a.Min + b.Min, a.Max + b.Max);

    /// <summary>True when <paramref name="d"/> lies in the range.</summary>
    public bool Contains(TimeSpan d) => d >= Min && d <= Max;

    /// <summary><c>9–10 s</c>, or <c>15 s</c> when both bounds are equal.</summary>
    public override string ToString() => Min == Max ? $"{Format(Min)} s" : $"{Format(Min)}–{Format(Max)} s";

    /// <summary>Parses <c>35-55</c>, <c>35s-55s</c>, <c>35..55</c> or a single <c>40</c> (seconds); null when unreadable.</summary>
    public static TimeRange? Parse(string text)
    {
        var parts = text.Replace("..", "-", StringComparison.Ordinal).Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        double? Sec(string s) => double.TryParse(s.TrimEnd('s', 'S'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;
        return parts switch
        {
            [var one] when Sec(one) is { } v => Seconds(v, v),
            [var a, var b] when Sec(a) is { } x && Sec(b) is { } y && x <= y => Seconds(x, y),
            _ => null,
        };
    }

    private static string Format(TimeSpan d) => d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
