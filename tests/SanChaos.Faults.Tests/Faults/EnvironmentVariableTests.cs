using FluentAssertions;
using SanChaos.Core;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

[Collection(nameof(EnvironmentVariableTests))]
public sealed class EnvironmentVariableTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void SANCHAOS_DRY_RUN_turns_the_dry_run_on_when_the_option_is_not_set(string value, bool dry)
    {
        using var dir = new TempDir();
        var inventory = TestInventory.Load(dir.File("pdu.secret", "x"));
        var before = Environment.GetEnvironmentVariable(FaultSetOptions.DryRunVariable);
        try
        {
            Environment.SetEnvironmentVariable(FaultSetOptions.DryRunVariable, value);
            new FaultSet(new RunContext(), inventory).IsDryRun.Should().Be(dry);
            new FaultSet(new RunContext(), inventory, new FaultSetOptions { DryRun = false }).IsDryRun.Should().BeFalse("the option wins");
        }
        finally
        {
            Environment.SetEnvironmentVariable(FaultSetOptions.DryRunVariable, before);
        }
    }
}
