using SanChaos.Gherkin.Xunit;
using Xunit;

namespace SanChaos.Gherkin.Samples;

/// <summary>The samples as xunit test cases: what `dotnet test --filter` sees.</summary>
public sealed class SampleDrills
{
    [Theory]
    [Features("tests/SanChaos.Gherkin.Samples/features")]
    public Task Drill(string scenario) => DrillHost.RunAsync(scenario, typeof(SampleDrills).Assembly, "tests/SanChaos.Gherkin.Samples/features");
}
