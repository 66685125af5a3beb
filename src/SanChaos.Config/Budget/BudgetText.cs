using System.Text;

namespace SanChaos.Config.Budget;

/// <summary>Renders failover budgets as the table <c>sanchaos budget</c> prints.</summary>
public static class BudgetText
{
    /// <summary>A short name of a fault kind ("primary power loss").</summary>
    public static string Describe(FaultKind fault) => fault switch
    {
        FaultKind.PrimaryPowerLoss => "primary power loss",
        FaultKind.HeartbeatDaemonDeath => "heartbeat daemon death on the primary",
        FaultKind.StorageSwitchLoss => "storage switch loss",
        FaultKind.Eth1Cut => "eth1 crossover cut",
        _ => "both heartbeat paths lost",
    };

    /// <summary>One block per estimate: each term with its range and source, then the totals and notes.</summary>
    public static string Render(string origin, IReadOnlyList<BudgetEstimate> estimates, MeasuredTerms measured)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Failover budget for {origin}");
        sb.AppendLine($"Machine-dependent terms: resource group start {measured.ResourceGroupStart.Range} ({measured.ResourceGroupStart.Source}); " +
                      $"iSCSI re-login {measured.IscsiRelogin.Range} ({measured.IscsiRelogin.Source}).");
        foreach (var e in estimates)
        {
            sb.AppendLine();
            sb.AppendLine($"{Describe(e.Fault)} — {e.Drill}");
            sb.AppendLine($"  {"phase",-10} {"range",-12} term");
            foreach (var t in e.Terms)
            {
                sb.AppendLine($"  {t.Phase.ToString().ToLowerInvariant(),-10} {t.Range,-12} {t.Name}");
                sb.AppendLine($"  {"",-10} {"",-12} <- {t.Source} [{Origin(t.Origin)}]");
            }

            sb.Append($"  = detection {e.Detection}, takeover {e.Takeover}, stall {e.Stall}; application errors: {Text(e.ApplicationErrors)}");
            if (e.ErrorsFrom is { } from && e.ErrorWindow is { } window) sb.Append($" (from {from} after the fault, for {window})");
            sb.AppendLine();
            sb.Append($"    resources move: {Text(e.ResourcesMove)}; split brain: {Text(e.SplitBrain)}; acknowledged writes lost: {Text(e.AcknowledgedWriteLoss)}");
            if (e.GarpWithin is { } garp) sb.Append($"; gratuitous ARP from the new owner {garp} after the fault");
            sb.AppendLine();
            sb.AppendLine($"    {e.StallFormula}");
            foreach (var n in e.Notes) sb.AppendLine($"    note: {n}");
        }

        return sb.ToString();
    }

    private static string Text(Expectation e) => e switch
    {
        Expectation.Yes => "yes",
        Expectation.Possible => "possible",
        _ => "no",
    };

    private static string Origin(TermOrigin o) => o switch
    {
        TermOrigin.Configuration => "configuration",
        TermOrigin.Default => "built-in default",
        TermOrigin.Measured => "measured",
        _ => "not measured",
    };
}
