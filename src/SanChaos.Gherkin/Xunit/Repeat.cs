using System.Globalization;
using System.Text.RegularExpressions;
using SanChaos.Core.Errors;
using Xunit.Sdk;
using Xunit.v3;

namespace SanChaos.Gherkin.Xunit;

/// <summary>
/// Runs the selected drills several times on one lab to measure their stability: <c>SANCHAOS_REPEAT=3 dotnet test
/// tests/SanChaos.Drills.Tests --filter Category=nightly</c> makes every scenario three test cases (<c>… [run 2/3]</c>), run
/// round by round (every drill once, then every drill again, as three nightlies in a row would), and the run's outcome
/// table gives per drill the classes seen, the figures' min/median/max and, for a drill whose class changed, the figure
/// that moved it.
/// </summary>
public static partial class Repeat
{
    /// <summary>The environment variable: how many times each selected scenario runs (default 1).</summary>
    public const string Variable = "SANCHAOS_REPEAT";

    /// <summary>The number of runs from <see cref="Variable"/>.</summary>
    /// <exception cref="SanChaosException">Not a whole number from 1 to 100.</exception>
    public static int Count()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return 1;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100
            ? n
            : throw new SanChaosException($"{Variable}={text} is not a number of runs.", $"set {Variable} to a whole number from 1 to 100 (e.g. {Variable}=3), or unset it for one run.");
    }

    /// <summary>The data row id of run <paramref name="round"/> of <paramref name="scenarioId"/>: the id itself for a single run.</summary>
    public static string RowId(string scenarioId, int round, int count) => count == 1 ? scenarioId : $"{scenarioId}#{round}";

    /// <summary>The display name of run <paramref name="round"/>.</summary>
    public static string DisplayName(string name, int round, int count) => count == 1 ? name : $"{name} [run {round}/{count}]";

    /// <summary>The scenario id and run number of a data row id.</summary>
    public static (string ScenarioId, int Round) Parse(string rowId)
    {
        var m = RowPattern().Match(rowId);
        return m.Success ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : (rowId, 1);
    }

    /// <summary>The run number in a display name (1 without one).</summary>
    public static int RoundOf(string displayName)
    {
        var m = NamePattern().Match(displayName);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
    }

    [GeneratedRegex(@"^(.*)#(\d+)$")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@" \[run (\d+)/\d+\]$")]
    private static partial Regex NamePattern();
}

/// <summary>
/// Orders drills round by round (<see cref="Repeat"/>): xunit's own stable order within a round, every run 1 before any
/// run 2. With one run it is xunit's order.
/// </summary>
public sealed class RoundOrderer : ITestCaseOrderer
{
    /// <inheritdoc />
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases) where TTestCase : notnull, ITestCase =>
        DefaultTestCaseOrderer.Instance.OrderTestCases(testCases).OrderBy(t => Repeat.RoundOf(t.TestCaseDisplayName)).ToArray();
}
