using SanChaos.Gherkin.Execution;
using SanChaos.Gherkin.Xunit;
using SanChaos.Labs;
using SanChaos.Reporting.Allure;
using SanChaos.Reporting.Environment;
using SanChaos.Reporting.Outcomes;

namespace SanChaos.Drills;

/// <summary>
/// What belongs to a whole drill run rather than one scenario: the run's folder (beside <c>scenarios.jsonl</c>), the
/// environment the SAN ran with (written once, when the first drill has its lab) and the Allure results written from
/// the run's records when the run ends.
/// </summary>
public static class DrillRun
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _environmentWritten;

    /// <summary>The run's folder, or null when results do not go to a file.</summary>
    public static string? Directory => DrillHost.Sink is JsonLinesResultSink sink ? Path.GetDirectoryName(sink.Path) : null;

    /// <summary>Writes <c>environment.json</c> (versions per node, lab kind, host) once per run; a failure is reported, not thrown.</summary>
    public static async Task EnvironmentOnceAsync(ILab lab, Action<string> output, CancellationToken ct)
    {
        if (Directory is not { } dir) return;
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_environmentWritten) return;
            _environmentWritten = true;
            await EnvironmentCollector.WriteAsync(lab, dir, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output($"environment.json not written: {e.Message}");
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Writes the run's outcome table (<c>outcomes.txt</c> beside <c>scenarios.jsonl</c>: per drill its class, with
    /// several runs of it the classes seen and the figures' spread) and its Allure results (reports/allure-results) from
    /// its records; returns the text to print.
    /// </summary>
    public static string? WriteResults()
    {
        if (Directory is not { } dir || !File.Exists(Path.Combine(dir, "scenarios.jsonl"))) return null;
        string table;
        try
        {
            table = OutcomeSummary.Table(OutcomeSummary.Of(JsonLinesResultSink.Read(Path.Combine(dir, "scenarios.jsonl"))));
            File.WriteAllText(Path.Combine(dir, OutcomeSummary.FileName), table);
            table = $"outcomes ({Path.Combine(dir, OutcomeSummary.FileName)}):{System.Environment.NewLine}{table}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            table = $"outcome table not written: {e.Message}{System.Environment.NewLine}";
        }

        return table + Allure();
    }

    private static string Allure()
    {
        var dir = Directory!;
        // A dry run judged nothing: its records stay in its run folder, the last real run's Allure results stay as they are.
        if (Core.DryRunSwitch.Resolve()) return $"dry run: records in {dir}; Allure results left as they were";
        try
        {
            var summary = AllureResultsWriter.WriteRun(dir);
            return $"Allure results: {summary.Results} scenario(s), {summary.Attachments} attachment(s) in {summary.ResultsDirectory}{(summary.Warnings.Count > 0 ? "; " + string.Join("; ", summary.Warnings) : "")}; render with `sanchaos report`";
        }
        catch (Exception e)
        {
            return $"Allure results not written: {e.Message}";
        }
    }
}
