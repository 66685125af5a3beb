using ScottPlot;

namespace SanChaos.Reporting.Charts;

/// <summary>What the two charts share: fault windows and the stall shaded, the time axis from the first fault, saving.</summary>
internal static class Charts
{
    public static readonly Color FaultFill = Colors.Red.WithAlpha(0.12);
    public static readonly Color StallFill = Colors.Orange.WithAlpha(0.22);

    /// <summary>DejaVu Sans (Debian's default) when the host has it, else what ScottPlot finds as sans-serif.</summary>
    public static readonly string Font = SkiaSharp.SKFontManager.Default.FontFamilies.Contains("DejaVu Sans") ? "DejaVu Sans" : Fonts.Sans;

    /// <summary>A plot in <see cref="Font"/>.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        return plot;
    }

    /// <summary>Shades each fault window (to <paramref name="end"/> when not healed) and the stall.</summary>
    public static void ShadeWindows(Plot plot, FailoverTimeline t, double end)
    {
        var first = true;
        foreach (var f in t.Faults)
        {
            var span = plot.Add.HorizontalSpan(t.Seconds(f.From), f.To is { } to ? t.Seconds(to) : end, FaultFill);
            span.LineColor = Colors.Red.WithAlpha(0.35);
            if (first) span.LegendText = "fault window";
            first = false;
        }

        if (t.Stall is { } s)
        {
            var span = plot.Add.HorizontalSpan(t.Seconds(s.From), s.To is { } to ? t.Seconds(to) : end, StallFill);
            span.LineColor = Colors.Orange.WithAlpha(0.5);
            span.LegendText = s.Label;
        }
    }

    public static string XLabel(FailoverTimeline t) =>
        $"seconds from {(t.Faults.Count > 0 ? "the first fault" : "the first event")} ({t.Origin.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC)";

    /// <summary>Saves <paramref name="plot"/> as <paramref name="stem"/>.png and/or .svg; returns the files written.</summary>
    public static IReadOnlyList<string> Save(Plot plot, string stem, ChartFormat formats, int width, int height)
    {
        var files = new List<string>();
        if (formats.HasFlag(ChartFormat.Png))
        {
            plot.SavePng(stem + ".png", width, height);
            files.Add(stem + ".png");
        }

        if (formats.HasFlag(ChartFormat.Svg))
        {
            plot.SaveSvg(stem + ".svg", width, height);
            files.Add(stem + ".svg");
        }

        return files;
    }
}
