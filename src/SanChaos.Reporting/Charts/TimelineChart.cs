using ScottPlot;
using ScottPlot.TickGenerators;

namespace SanChaos.Reporting.Charts;

/// <summary>Draws a <see cref="FailoverTimeline"/>: one lane per layer, the fault windows and the stall shaded, each
/// event a marker, the milestones labelled.</summary>
internal static class TimelineChart
{
    private static readonly Color[] LaneColors =
    [
        Colors.FireBrick, Colors.DarkViolet, Colors.SteelBlue, Colors.SeaGreen, Colors.Teal, Colors.DarkOrange, Colors.SaddleBrown,
    ];

    /// <summary>Renders the chart to <paramref name="stem"/>.png/.svg; returns the files written.</summary>
    public static IReadOnlyList<string> Render(FailoverTimeline t, string title, string stem, ChartFormat formats, int width, int height)
    {
        using var plot = Charts.NewPlot();
        var n = t.Lanes.Count;
        double Y(string lane) => n - 1 - IndexOf(t.Lanes, lane);
        var xs = t.Marks.Select(m => t.Seconds(m.At)).Append(0).Append(t.Seconds(t.End)).ToArray();
        var (min, max) = (xs.Min(), xs.Max());
        var pad = Math.Max(1, (max - min) * 0.03);
        Charts.ShadeWindows(plot, t, max + pad);

        for (var i = 0; i < n; i++)
        {
            var lane = t.Lanes[i];
            var color = LaneColors[i % LaneColors.Length];
            var marks = t.Marks.Where(m => m.Lane == lane).ToArray();
            var y = Y(lane);
            var guide = plot.Add.HorizontalLine(y, 1, Colors.Gray.WithAlpha(0.3), LinePattern.Dotted);
            guide.LegendText = "";
            foreach (var m in marks)
            {
                var marker = plot.Add.Marker(t.Seconds(m.At), y, m.Key ? MarkerShape.FilledDiamond : MarkerShape.OpenCircle, m.Key ? 11 : 7, color);
                marker.LegendText = "";
            }

            // Milestone labels alternate above and below their lane so neighbours do not overprint each other.
            var k = i == 0 ? 1 : 0;
            foreach (var m in marks.Where(m => m.Key))
            {
                var text = plot.Add.Text($"{m.Label} (+{t.Seconds(m.At):0.0} s)", t.Seconds(m.At), y);
                text.LabelFontSize = 11;
                text.LabelFontName = Charts.Font;
                text.LabelFontColor = color;
                text.LabelRotation = -20;
                text.LabelAlignment = Alignment.LowerLeft;
                text.OffsetY = k++ % 2 == 0 ? -8 : 22;
                text.OffsetX = 4;
            }
        }

        plot.Axes.Left.TickGenerator = new NumericManual(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), t.Lanes.ToArray());
        plot.Axes.SetLimits(min - pad, max + pad * 6, -0.7, n + 0.2);
        plot.Title(title, 14);
        plot.XLabel(Charts.XLabel(t), 12);
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.ShowLegend(Alignment.LowerRight);
        return Charts.Save(plot, stem, formats, width, Math.Max(height, 90 + 70 * n));
    }

    private static int IndexOf(IReadOnlyList<string> lanes, string lane)
    {
        for (var i = 0; i < lanes.Count; i++)
            if (lanes[i] == lane) return i;
        return -1;
    }
}
