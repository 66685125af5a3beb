using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Application;

/// <summary>
/// "The application sees no I/O error": no write through the multipath device failed while the probe ran (the probe's
/// <c>io.errors</c> windows, with the errno names an application gets). Invalid with every error window as evidence;
/// Unknown when the probe did not run to its end (no <c>io.summary</c>).
/// </summary>
public sealed class ApplicationErrorsChecker : IChecker
{
    /// <inheritdoc />
    public string Name => "application-errors";

    /// <inheritdoc />
    public Verdict Check(CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = HistoryFile.InTimeOrder(input.Events);
        var summary = events.LastOrDefault(e => e.Kind == IoEventKinds.Summary);
        if (summary is null)
            return Verdict.Unknown(Name, "the I/O probe did not run to its end (no io.summary): whether the application saw errors is unknown");
        var windows = events.Where(e => e.Kind == IoEventKinds.Errors).ToArray();
        var errors = windows.Sum(w => w.Long("count") ?? 0);
        var figures = new Dictionary<string, double>
        {
            ["io_errors"] = errors,
            ["io_error_window_s"] = EventData.Seconds(TimeSpan.FromMilliseconds(windows.Sum(w => w.Number("duration_ms") ?? 0))),
        };
        if (windows.Length == 0)
            return Verdict.Valid(Name, "no write failed: the application only ever waited", summary.Cite()) with { Figures = figures };
        return Verdict.Invalid(Name, $"the application got {errors} failed write(s) in {windows.Length} window(s) ({string.Join("; ", windows.Select(w => w.Text("errors")))})",
            [.. windows.Select(w => w.Cite())]) with { Figures = figures };
    }
}
