using SanChaos.Reporting.Charts;
using SanChaos.Reporting.Compare;
using SanChaos.Reporting.Runs;

namespace SanChaos.Reporting.Allure;

/// <summary>How <see cref="AllureResultsWriter"/> writes Allure results.</summary>
public sealed class AllureOptions
{
    /// <summary>The formats the failover timeline and the I/O chart are attached in. Default PNG and SVG.</summary>
    public ChartFormat ChartFormats { get; init; } = ChartFormat.Png | ChartFormat.Svg;

    /// <summary>Chart width in pixels. Default 1400.</summary>
    public int ChartWidth { get; init; } = 1400;

    /// <summary>Chart height in pixels (the timeline grows with its lanes). Default 520.</summary>
    public int ChartHeight { get; init; } = 520;

    /// <summary>Remove the Allure files (results, attachments, environment, executor, categories) already in the results
    /// folder before writing. Default false: results of several runs accumulate, as Allure expects.</summary>
    public bool Clean { get; init; }

    /// <summary>Files larger than this are not copied into the results (a warning names them). Default 64 MiB.</summary>
    public long MaxAttachmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The failover timeline's PNG is also shown at the top of each result's description when it is at most
    /// this large (0: never). Default 1 MiB.</summary>
    public long MaxEmbeddedBytes { get; init; } = 1024 * 1024;

    /// <summary>A baseline run: each scenario found in it gets a "compared with" attachment (<see cref="RunComparer"/>).
    /// Default none.</summary>
    public RunFolder? Baseline { get; init; }

    /// <summary>The thresholds of that comparison. Default <see cref="ComparisonOptions"/>' defaults.</summary>
    public ComparisonOptions Compare { get; init; } = new();

    /// <summary>The report's name (executor.json). Default <c>SanChaos drills</c>.</summary>
    public string ReportName { get; init; } = "SanChaos drills";
}
