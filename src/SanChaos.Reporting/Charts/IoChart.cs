using ScottPlot;

namespace SanChaos.Reporting.Charts;

/// <summary>The application's I/O per second: the longest write latency (left axis, ms), writes acknowledged and failed
/// (right axis), with the fault windows and the stall shaded.</summary>
internal static class IoChart
{
    /// <summary>Renders the chart to <paramref name="stem"/>.png/.svg; returns the files written.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<IoSecondRow> rows, FailoverTimeline t, string title, string stem, ChartFormat formats,
        int width, int height)
    {
        using var plot = Charts.NewPlot();
        var xs = rows.Select(r => t.Seconds(r.Start)).ToArray();
        var max = xs.Length == 0 ? 1 : xs.Max() + 1;
        Charts.ShadeWindows(plot, t, max);

        var latency = plot.Add.Scatter(xs, rows.Select(r => r.MaxLatencyMs).ToArray(), Colors.SteelBlue);
        latency.LegendText = "max write latency (ms, left)";
        latency.MarkerSize = 3;
        latency.ConnectStyle = ConnectStyle.StepHorizontal;

        var ok = plot.Add.Scatter(xs, rows.Select(r => (double)r.Ok).ToArray(), Colors.SeaGreen);
        ok.LegendText = "writes acknowledged / s (right)";
        ok.MarkerSize = 0;
        ok.ConnectStyle = ConnectStyle.StepHorizontal;
        ok.Axes.YAxis = plot.Axes.Right;

        var bars = plot.Add.Bars(xs.Select(x => x + 0.5), rows.Select(r => (double)r.Errors));
        bars.Color = Colors.Red.WithAlpha(0.7);
        bars.LegendText = "writes failed / s (right)";
        bars.Axes.YAxis = plot.Axes.Right;
        foreach (var b in bars.Bars)
        {
            b.Size = 0.9;
            b.LineWidth = 0;
        }

        plot.Title(title, 14);
        plot.XLabel(Charts.XLabel(t), 12);
        plot.Axes.Left.Label.Text = "max latency (ms)";
        plot.Axes.Right.Label.Text = "writes / s";
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.MaxLatencyMs)) * 1.1, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => Math.Max(r.Ok, r.Errors))) * 1.1, plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperRight);
        return Charts.Save(plot, stem, formats, width, height);
    }
}
