using System.Globalization;
using SanChaos.Checkers;
using SanChaos.Config;
using SanChaos.Config.Budget;
using SanChaos.Config.Sources;
using SanChaos.Gherkin.Execution;
using SanChaos.Labs;
using SanChaos.Labs.Capabilities;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Drills;

/// <summary>
/// How a drill turns checkers into step and scenario outcomes: Valid passes, Invalid fails (the SAN misbehaved, with
/// the evidence), Unknown is broken (never a pass). Also the failover budget the checkers judge against: the
/// configuration collected from the lab's nodes, with the resource group's start time measured at lab up.
/// </summary>
public static class DrillChecks
{
    /// <summary>The step (or scenario) outcome of a verdict.</summary>
    public static CheckOutcome Outcome(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var status = verdict.Status switch
        {
            VerdictStatus.Valid => StepStatus.Passed,
            VerdictStatus.Invalid => StepStatus.Failed,
            _ => StepStatus.Broken,
        };
        var text = $"{verdict.Checker}: {verdict.Status.ToString().ToUpperInvariant()}: {verdict.Summary}";
        if (verdict.Evidence.Count > 0) text += Environment.NewLine + string.Join(Environment.NewLine, verdict.Evidence.Take(20).Select(e => "  " + e));
        return new CheckOutcome(status, text);
    }

    /// <summary>The verdict as a scenario record carries it.</summary>
    public static ScenarioVerdict Record(Verdict verdict, int? stepLine) =>
        new(verdict.Checker, verdict.Status.ToString().ToLowerInvariant(), verdict.Summary, verdict.Evidence.Select(e => e.ToString()).ToArray(),
            verdict.Figures, stepLine);

    /// <summary>
    /// The configuration in effect on the lab's nodes now, collected over SSH (each time: a drill may have changed a
    /// setting, e.g. <c>Given multipath's no_path_retry is queue</c>).
    /// </summary>
    public static async Task<SutConfiguration> ConfigurationAsync(ILab lab, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return SutConfiguration.Parse(await LabConfigCollector.CollectAsync(lab.Inventory, lab.Nodes, ct: ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The terms that depend on the machine rather than the configuration, as known before a scenario: the resource
    /// group's start as timed at lab up on this lab (from 0.7× to 1.5× the one measurement, a default factor: a takeover
    /// runs the same agents on a node that is also busy with the client's reconnect); not measured on a lab brought up
    /// elsewhere. The stall budget checker puts what the scenario's own takeover took over these
    /// (<see cref="Checkers.Stall.StallBudgetChecker"/>).
    /// </summary>
    public static MeasuredTerms Measured(ILab lab)
    {
        if (lab.Capability<ILabMeasurements>() is { ResourceGroupStart: { } start })
        {
            var s = start.TotalSeconds;
            return new MeasuredTerms
            {
                ResourceGroupStart = MeasuredTerm.Measured(TimeRange.Seconds(Math.Round(0.7 * s, 1), Math.Round(1.5 * s, 1)),
                    string.Create(CultureInfo.InvariantCulture, $"measured at lab up on lab {lab.Inventory.Name}: the group started in {s:0.0} s; range 0.7-1.5x, a default factor")),
            };
        }

        return MeasuredTerms.NotMeasured;
    }

}
