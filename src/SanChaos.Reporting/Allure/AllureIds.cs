using System.Security.Cryptography;
using System.Text;
using SanChaos.Gherkin.Execution;

namespace SanChaos.Reporting.Allure;

/// <summary>
/// The ids that line a scenario up across runs: <c>testCaseId</c> from the feature file and the scenario's name
/// (without an Examples row's values), <c>historyId</c> from those and the row's values. Neither depends on the line,
/// the run or the time, so editing a feature above a scenario keeps its history. MD5 hex, as Allure's own adapters use.
/// </summary>
internal static class AllureIds
{
    public static string TestCaseId(ScenarioResult r) => Md5($"{r.FeatureFile}\n{ExamplesName.Parse(r.Name).BaseName}");

    public static string HistoryId(ScenarioResult r)
    {
        var (baseName, values) = ExamplesName.Parse(r.Name);
        return Md5($"{r.FeatureFile}\n{baseName}\n{string.Join("\n", values.Select(kv => $"{kv.Key}={kv.Value}"))}");
    }

    /// <summary>The history id of <paramref name="r"/> on lab and build <paramref name="lab"/> (<see cref="LabAxis"/>); the
    /// plain <see cref="HistoryId(ScenarioResult)"/> when null.</summary>
    public static string HistoryId(ScenarioResult r, string? lab) => lab is null ? HistoryId(r) : Md5($"{HistoryId(r)}\n{lab}");

    /// <summary>A result's uuid: fixed for one scenario record (run id, scenario id, start), so writing the same run twice
    /// replaces its files instead of adding copies.</summary>
    public static string Uuid(ScenarioResult r, int occurrence) =>
        new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"{r.RunId}\n{r.Id}\n{r.Started.UtcTicks}\n{occurrence}"))).ToString();

    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
