using SanChaos.Drills;
using SanChaos.Gherkin.Xunit;
using Xunit;

[assembly: AssemblyFixture(typeof(SanChaos.Drills.Tests.LabRelease))]

namespace SanChaos.Drills.Tests;

/// <summary>
/// Every scenario of features/ is one test case: `dotnet test tests/SanChaos.Drills.Tests --filter "Category=kill-primary"`.
/// They run one at a time (one class, one collection): a lab is one shared thing. With SANCHAOS_REPEAT=N, round by round.
/// </summary>
[Collection(LabCollection.Name)]
[TestCaseOrderer(typeof(RoundOrderer))]
public sealed class Drills
{
    [Theory(Timeout = 20 * 60 * 1000)]
    [Features("features")]
    public Task Drill(string scenario) => DrillHost.RunAsync(scenario, typeof(Drill).Assembly);
}
