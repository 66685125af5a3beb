using SanChaos.Checkers.Application;
using SanChaos.Checkers.Forbidden;
using SanChaos.Checkers.Garp;
using SanChaos.Checkers.SplitBrain;
using SanChaos.Checkers.Stall;
using SanChaos.Checkers.Writes;
using SanChaos.Core.Errors;
using SanChaos.Gherkin.Bindings;

namespace SanChaos.Drills.Bindings;

/// <summary>
/// Verdicts on the whole scenario: each step hands a checker to the drill, which runs it on the complete history at the
/// end of the scenario (after the heals, the return to steady state and the read-back of acknowledged writes); the
/// verdict becomes the step's outcome: Valid passes, Invalid fails with the evidence, Unknown is broken.
/// </summary>
[Binding]
public sealed class CheckSteps(Drill drill)
{
    /// <summary>Step: <c>Then no split brain occurs</c>.</summary>
    [Then(@"no split brain occurs")]
    public void NoSplitBrain() => drill.CheckAtEnd(new SplitBrainChecker());

    /// <summary>Step: <c>Then no acknowledged write is lost</c>.</summary>
    [Then(@"no acknowledged write is lost")]
    public void NoLostWrite() => drill.CheckAtEnd(new AcknowledgedWritesChecker());

    /// <summary>
    /// Step: <c>Then the application sees no I/O error</c>. The client's path-loss tolerance (recovery timeout + queueing,
    /// from the configuration read now) gives the margin of a race the application won.
    /// </summary>
    [Then(@"the application sees no I/O error")]
    public async Task NoApplicationError()
    {
        var client = (await drill.ConfigurationAsync()).Timings.Client;
        drill.CheckAtEnd(new ApplicationErrorsChecker(new ApplicationErrorsOptions
        {
            PathLossTolerance = client?.PathLossTolerance,
            ToleranceSource = client is null ? "no client configuration" :
                $"the session's recovery timeout ({client.RecoveryTimeout.Source}) + dm-multipath's queueing ({client.NoPathRetry.Source}; {client.PollingInterval.Source})",
        }));
    }

    /// <summary>Step: <c>Then the I/O stall is at most (.+)</c>.</summary>
    [Then(@"the I/O stall is at most (.+)")]
    public void StallAtMost(TimeSpan max) => drill.CheckAtEnd(new StallBoundChecker(max));

    /// <summary>
    /// Step: <c>Then the I/O stall stays within the configured budget</c>: the budget of the fault the scenario injected,
    /// from the configuration in effect now (collected from the nodes), with the resource group start and re-login this
    /// scenario's takeover took on the lab (the start measured at lab up where the history lacks it).
    /// </summary>
    [Then(@"the I/O stall stays within the configured budget")]
    public async Task StallWithinBudget()
    {
        var kind = drill.BudgetKind ?? throw new SanChaosException(
            "No failover budget models what this scenario injected.",
            "use `Then the I/O stall is at most <duration>` for this fault, or inject a fault the budget knows (power loss of the primary, " +
            "Heartbeat killed, a storage switch, the eth1 cable, both heartbeat paths).");
        drill.CheckAtEnd(new StallBudgetChecker(kind, await drill.ConfigurationAsync(), DrillChecks.Measured(drill.Lab)));
    }

    /// <summary>Step: <c>Then gratuitous ARP for 192.168.1.1 is seen from weasel on storage network A within 30 s</c>.</summary>
    [Then(@"gratuitous ARP for (\S+) is seen from (\w+) on storage network (\w+) within (.+)")]
    public void GarpSeen(string ip, string node, string network, TimeSpan within)
    {
        var net = drill.Inventory.Networks.FirstOrDefault(n => n.Name.Equals($"storage-{network}", StringComparison.OrdinalIgnoreCase) || n.Name == network)
                  ?? throw new SanChaosException($"Lab {drill.Inventory.Name} has no storage network '{network}'.",
                      $"name one of {string.Join(", ", drill.Inventory.Networks.Select(n => n.Name))} (or its letter: A, B).");
        drill.CheckAtEnd(new GarpChecker(new GarpOptions { Expect = [new GarpExpectation(ip, drill.Node(node), net.Name, within)] }));
    }

    /// <summary>Step: <c>Then no forbidden log line appears</c> (kernel oops, DRBD protocol errors...: <c>forbidden:</c> in lab/sut/commands.yaml).</summary>
    [Then(@"no forbidden log line appears")]
    public void NoForbiddenLine() => drill.CheckAtEnd(drill.ForbiddenLines());

    /// <summary>
    /// Step: <c>Then Heartbeat reports the partition on both storage nodes</c>: each logs "returning after partition" when the
    /// paths come back (Heartbeat's forbidden <c>heartbeat-partition</c> line is then expected, not a violation).
    /// </summary>
    [Then(@"Heartbeat reports the partition on both storage nodes")]
    public void HeartbeatReportsPartition() =>
        drill.ExpectLines("heartbeat-partition", "both Heartbeat paths were cut: each node ran on its own until they came back");
}
