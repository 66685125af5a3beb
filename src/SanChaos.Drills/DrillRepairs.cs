using SanChaos.Gherkin.Execution;
using SanChaos.Labs.Recovery;

namespace SanChaos.Drills;

/// <summary>A repair the recovery made at a scenario's end, as the scenario's record keeps it.</summary>
public static class DrillRepairs
{
    /// <summary><paramref name="r"/> as a <see cref="ScenarioRepair"/>: what was wrong, for how long, what was done, and whose doing it was.</summary>
    public static ScenarioRepair ToScenario(RepairRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var kind = r.Kind;
        return new ScenarioRepair(r.Repair.Node, r.Repair.Reason, Math.Round(r.WrongFor?.TotalSeconds ?? 0, 1), r.Done, r.Result.Succeeded,
            kind.Name, kind.ClassWord, kind.Checker, kind.Source);
    }
}
