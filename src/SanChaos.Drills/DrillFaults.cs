using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Gherkin.Execution;

namespace SanChaos.Drills;

/// <summary>How a drill takes a fault from the catalogue: a fault the lab cannot inject at all skips the scenario.</summary>
public static class DrillFaults
{
    /// <summary>
    /// The fault <paramref name="pick"/> takes from <paramref name="catalog"/>. A refusal for a missing capability
    /// (<see cref="FaultRefusedException.MissingCapability"/>: no serial relay, no cable control, no PDU outlet for the
    /// device...) becomes a <see cref="SkippedStepException"/> naming the lab, the fault and what the lab lacks, with the
    /// refusal's remedy: a drill of the serial cable is not a verdict on a lab without one. Other refusals (a node the
    /// inventory does not have: the drill's mistake) are thrown as they are.
    /// </summary>
    /// <param name="catalog">The lab's fault catalogue.</param>
    /// <param name="pick">Takes the fault, e.g. <c>c =&gt; c.PullSerialCable()</c>.</param>
    /// <exception cref="SkippedStepException">The lab lacks what the fault needs.</exception>
    public static IFault Take(FaultCatalog catalog, Func<FaultCatalog, IFault> pick)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pick);
        try
        {
            return pick(catalog);
        }
        catch (FaultRefusedException e) when (e.MissingCapability is { } missing)
        {
            var lab = catalog.Lab.Inventory;
            throw new SkippedStepException(
                $"SKIPPED: lab {lab.Name} ({lab.Kind.ToString().ToLowerInvariant()}, {lab.SourcePath}) cannot {e.FaultName}: it lacks {missing}. {e.Problem}",
                e.Remedy, e);
        }
    }
}
