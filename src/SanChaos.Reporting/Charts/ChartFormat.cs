namespace SanChaos.Reporting.Charts;

/// <summary>Image formats the charts are attached in.</summary>
[Flags]
public enum ChartFormat
{
    /// <summary>No charts.</summary>
    None = 0,
    /// <summary>PNG (shown inline by every Allure report).</summary>
    Png = 1,
    /// <summary>SVG (sharp at any zoom).</summary>
    Svg = 2,
}
