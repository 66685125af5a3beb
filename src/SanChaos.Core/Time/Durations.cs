using System.Globalization;
using System.Text.RegularExpressions;

namespace SanChaos.Core.Time;

/// <summary>
/// Durations as storage engineers write them: <c>10 s</c>, <c>500 ms</c>, <c>2 min</c>, <c>1.5s</c>, <c>1 h</c>.
/// </summary>
public static partial class Durations
{
    [GeneratedRegex(@"^\s*(?<n>\d+(?:\.\d+)?)\s*(?<u>ms|msec|millis|milliseconds?|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>The accepted forms, for error messages.</summary>
    public const string Forms = "a number and a unit: `500 ms`, `10 s`, `2 min`, `1 h`";

    /// <summary>Parses a duration; returns false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (text is null) return false;
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var u = m.Groups["u"].Value.ToLowerInvariant();
        value = u switch
        {
            "ms" or "msec" or "millis" or "millisecond" or "milliseconds" => TimeSpan.FromMilliseconds(n),
            "s" or "sec" or "secs" or "second" or "seconds" => TimeSpan.FromSeconds(n),
            "m" or "min" or "mins" or "minute" or "minutes" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromHours(n),
        };
        return true;
    }

    /// <summary>Formats a duration the way <see cref="TryParse"/> reads it back.</summary>
    public static string Format(TimeSpan t) =>
        t.TotalMilliseconds < 1000 ? $"{t.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms"
        : t.TotalSeconds < 120 ? $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
        : $"{t.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min";
}
