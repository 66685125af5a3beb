using System.Globalization;
using System.Text.RegularExpressions;
using SanChaos.Core.Time;

namespace SanChaos.Reporting.Compare;

/// <summary>
/// A figure's number as people wrote it (<c>+12.3 s</c>, <c>850 ms</c>, <c>2 min</c>, <c>37 write(s) failed</c>): times
/// in seconds (unit <c>s</c>), other numbers with the word after them as their unit. Text that does not start with a
/// number (<c>power-off weasel: injected</c>) is no figure.
/// </summary>
internal static partial class FigureValue
{
    [GeneratedRegex(@"^\s*\+?(?<n>-?\d+(?:\.\d+)?)\s*(?<u>[A-Za-z/%()]+)?")]
    private static partial Regex Number();

    public static bool TryParse(string? text, out double value, out string unit)
    {
        value = 0;
        unit = "";
        if (text is null) return false;
        var m = Number().Match(text);
        if (!m.Success) return false;
        var n = m.Groups["n"].Value;
        var u = m.Groups["u"].Success ? m.Groups["u"].Value : "";
        if (u.Length > 0 && Durations.TryParse($"{n.TrimStart('-')} {u}", out var t))
        {
            value = (n.StartsWith('-') ? -1 : 1) * t.TotalSeconds;
            unit = "s";
            return true;
        }

        value = double.Parse(n, CultureInfo.InvariantCulture);
        unit = u;
        return true;
    }

    /// <summary>A checker's named figure: <c>_s</c> and <c>_ms</c> suffixes are times (in seconds), the rest plain numbers.</summary>
    public static (double Value, string Unit) FromVerdict(string name, double value) =>
        name.EndsWith("_ms", StringComparison.Ordinal) ? (value / 1000, "s")
        : name.EndsWith("_s", StringComparison.Ordinal) && !name.EndsWith("per_s", StringComparison.Ordinal) ? (value, "s")
        : (value, "");

    /// <summary>True for throughput-like figures, where more is better (writes/s, MB/s, acknowledged); false for times and
    /// counts of failures, where less is better.</summary>
    public static bool HigherIsBetter(string name, string unit) =>
        unit.Contains("/s", StringComparison.Ordinal) || name.Contains("per_s", StringComparison.Ordinal) || name.Contains("/s", StringComparison.Ordinal)
        || name.Contains("throughput", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_ok", StringComparison.Ordinal);

    /// <summary>
    /// Figures that size the evidence rather than measure the SAN (how many slots the read-back checked, how many log lines
    /// were read, how many holders the audit saw): shown side by side, never a regression or an improvement. More writes
    /// checked is neither better nor worse SAN behaviour; a changed holder count is a verdict's business (baseline-audit).
    /// </summary>
    private static readonly string[] EvidenceSizes = [".checked", ".lines_read", ".expected_lines", ".holders"];

    /// <summary>Scenario figures that size the traffic rather than judge it: bytes the serial cable carried (more heartbeats
    /// is neither better nor worse; its drops are judged).</summary>
    private static readonly string[] TrafficSizes = ["serial_forwarded_bytes "];

    /// <summary>False for a figure that only sizes a checker's evidence (<see cref="EvidenceSizes"/>) or the traffic
    /// (<see cref="TrafficSizes"/>).</summary>
    public static bool IsJudged(string name) => !EvidenceSizes.Any(e => name.EndsWith(e, StringComparison.Ordinal))
                                                && !TrafficSizes.Any(t => name.StartsWith(t, StringComparison.Ordinal));

    public static string Format(double value, string unit) =>
        unit == "s" ? Durations.Format(TimeSpan.FromSeconds(Math.Abs(value))).Insert(0, value < 0 ? "-" : "")
        : (value.ToString("0.###", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : ""));
}
