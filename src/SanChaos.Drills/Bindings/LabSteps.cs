using SanChaos.Core.Waiting;
using SanChaos.Gherkin.Bindings;

namespace SanChaos.Drills.Bindings;

/// <summary>Steps that bring the lab to a known state and heal it afterwards.</summary>
[Binding]
public sealed class LabSteps(Drill drill)
{
    /// <summary>Step: <c>Given the SAN is in steady state</c>.</summary>
    [Given(@"the SAN is in steady state")]
    public Task SteadyState() => drill.StartAsync(TimeSpan.FromMinutes(5));

    /// <summary>Step: <c>When we wait 30 s</c> (lets the cluster react; cancelled with the run).</summary>
    [When(@"we wait (.+)")]
    public Task WeWait(TimeSpan duration, CancellationToken ct) => Task.Delay(duration, drill.Run.Time, ct);

    /// <summary>After every scenario: heal its faults and wait until the SAN is back in steady state.</summary>
    [AfterScenario]
    public Task HealEverything(CancellationToken ct) => drill.EndAsync(ct);
}
