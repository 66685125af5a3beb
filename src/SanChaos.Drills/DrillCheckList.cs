using SanChaos.Checkers;
using SanChaos.Checkers.Audit;
using SanChaos.Checkers.Forbidden;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Gherkin.Execution;
using SanChaos.Inventory.Model;
using SanChaos.Labs.State;

namespace SanChaos.Drills;

/// <summary>
/// A drill's checks: the checkers steps asked for (deferred to the end of the scenario, each verdict the outcome of the
/// step that asked), the log lines the drill expects, and the scenario-level checks every drill gets (the standard
/// checkers a step did not ask for, and the audit of the lab as the scenario left it).
/// </summary>
internal sealed class DrillCheckList(ScenarioContext scenario, Func<LabInventory> inventory, Func<string?> healFailure)
{
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly List<IChecker> _deferred = [];
    private readonly Dictionary<string, string> _expectedLines = new(StringComparer.Ordinal);

    /// <summary>The checkers steps asked for, in the order they asked.</summary>
    public IReadOnlyList<IChecker> Deferred => _deferred;

    /// <summary>The cluster as the scenario left it (before the first repair), set by the drill's end.</summary>
    public ClusterState? Audit { get; set; }

    /// <summary>The serial relay's failure at the audit, if it had failed (the lab's doing, not the SAN's).</summary>
    public string? AuditRelayFailure { get; set; }

    /// <summary>The history so far, in time order, as checkers read it.</summary>
    public CheckInput Input() => new(scenario.Run.History.Events, inventory(), scenario.ArtifactDirectory);

    /// <summary>Makes the lines of forbidden pattern <paramref name="pattern"/> expected, and checks that every storage node logged one.</summary>
    public void ExpectLines(string pattern, string why)
    {
        var p = ForbiddenPatterns.Default.FirstOrDefault(f => f.Name == pattern)
                ?? throw new SanChaosException($"No forbidden pattern is named '{pattern}'.",
                    $"use one of {string.Join(", ", ForbiddenPatterns.Default.Select(f => f.Name))} (lab/sut/commands.yaml, forbidden:).");
        _expectedLines[pattern] = why;
        CheckAtEnd(new ExpectedLinesChecker(p, inventory().StorageNodes.Select(n => n.Name).ToArray()));
    }

    /// <summary>The forbidden-lines checker of this scenario (with the lines it expects).</summary>
    public ForbiddenLinesChecker ForbiddenLines() => new(new ForbiddenLinesOptions { Expected = new Dictionary<string, string>(_expectedLines) });

    /// <summary>Defers <paramref name="checker"/> to the end of the scenario; its verdict is the current step's outcome.</summary>
    public void CheckAtEnd(IChecker checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        _asked.Add(checker.Name);
        _deferred.Add(checker);
        var line = scenario.CurrentStep >= 0 ? scenario.Scenario.Steps[scenario.CurrentStep].Line : (int?)null;
        scenario.DeferCheck(_ =>
        {
            var v = Checking.Run(checker, Input());
            scenario.Verdicts.Add(DrillChecks.Record(v, line));
            return Task.FromResult(DrillChecks.Outcome(v));
        });
    }

    /// <summary>
    /// The scenario-level checks: no split brain, every acknowledged write read back, gratuitous ARP after every move of
    /// a floating IP, no forbidden log line (each unless a step asked for it already), and the audit of the lab after
    /// the scenario.
    /// </summary>
    public CheckOutcome ScenarioChecks()
    {
        var input = Input();
        var verdicts = CheckerSet.Standard().Checkers.Where(c => !_asked.Contains(c.Name))
            .Select(c => c is ForbiddenLinesChecker ? ForbiddenLines() : c).Select(c => Checking.Run(c, input)).ToList();
        verdicts.Add(healFailure() is { } failed
            ? Verdict.Unknown("baseline-audit", $"a heal failed, so the lab after the scenario is the harness's doing, not the SAN's: {failed}")
            : Audit is null
                ? Verdict.Unknown("baseline-audit", "the lab was not audited after the scenario (its end did not run)")
                : Checking.Run(new BaselineAuditChecker(Audit, AuditRelayFailure), input));
        foreach (var v in verdicts) scenario.Verdicts.Add(DrillChecks.Record(v, null));
        var worst = verdicts.OrderByDescending(v => v.Status).First();
        return worst.Status == VerdictStatus.Valid
            ? new CheckOutcome(StepStatus.Passed)
            : DrillChecks.Outcome(worst) with
            {
                Message = string.Join(Environment.NewLine, verdicts.Where(v => v.Status != VerdictStatus.Valid).Select(v => DrillChecks.Outcome(v).Message)),
            };
    }
}
