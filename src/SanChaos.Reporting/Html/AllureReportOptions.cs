namespace SanChaos.Reporting.Html;

/// <summary>How <see cref="AllureReport"/> renders the HTML report.</summary>
public sealed class AllureReportOptions
{
    /// <summary>The <c>allure</c> executable; default: <c>SANCHAOS_ALLURE</c>, else the one
    /// lab/install-host-packages.sh installs (<see cref="AllureReport.InstalledPath"/>), else <c>allure</c> on the PATH.</summary>
    public string? AllurePath { get; init; }

    /// <summary>
    /// Allure's history to continue: a history file (<c>history.jsonl</c>) or a previous report's folder (its
    /// <c>history/history.jsonl</c>). Default: the output folder's own <c>history/history.jsonl</c> when it has one, so
    /// rendering into the same folder night after night accumulates trends. The updated history is written to the new
    /// report's <c>history/history.jsonl</c>.
    /// </summary>
    public string? History { get; init; }

    /// <summary>Keep at most this many runs in the history. Default 60.</summary>
    public int HistoryLimit { get; init; } = 60;

    /// <summary>One self-contained index.html that opens from disk (file://); default false: a folder to serve over HTTP.</summary>
    public bool SingleFile { get; init; }

    /// <summary>The report's title. Default <c>SanChaos drills</c>.</summary>
    public string ReportName { get; init; } = "SanChaos drills";

    /// <summary>How long the generator may take. Default 10 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
