using System.Text.RegularExpressions;
using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Inventory.Tests;

public sealed class SutBuildTests
{
    private static readonly string Embedded = Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml");

    /// <summary>The embedded inventory with its <c>build:</c> block replaced by <paramref name="buildYaml"/> (empty: none).</summary>
    private static (LabInventory? Inventory, IReadOnlyList<InventoryError> Errors) WithBuild(string buildYaml)
    {
        var text = Regex.Replace(File.ReadAllText(Embedded), @"\n  build:\n(    .*\n)+", "\n" + buildYaml);
        text.Should().NotContain("    kernel: 7.2-seccomp\n", "the inventory's own build block is replaced");
        return InventoryLoader.TryParse("with-build.yaml", text);
    }

    [Fact]
    public void The_embedded_lab_runs_the_measured_build_and_an_inventory_that_names_none_runs_debian_12s()
    {
        InventoryLoader.Load(Embedded).Sut.BuildName.Should().Be("7.2-seccomp/bookworm/lio");
        var (inv, errors) = WithBuild("");
        errors.Should().BeEmpty();
        inv!.Sut.Build.Should().Be(SutBuild.Default);
        inv.Sut.BuildName.Should().Be("6.1/bookworm/lio");
    }

    [Fact]
    public void The_inventory_names_a_build_and_an_unknown_kernel_is_an_error_at_its_line_listing_the_kernels()
    {
        var (inv, errors) = WithBuild("  build: { kernel: 7.2-seccomp, release: trixie }\n");
        errors.Should().BeEmpty();
        inv!.Sut.BuildName.Should().Be("7.2-seccomp/trixie/lio");

        var (_, bad) = WithBuild("  build: { kernel: 6.9 }\n");
        var e = bad.Should().ContainSingle().Subject;
        e.Message.Should().Contain("'kernel'").And.Contain("'6.9'");
        e.Fix.Should().Contain("6.1, 7.2, 7.2-seccomp");
        e.At.Line.Should().BeGreaterThan(70);
    }

    [Theory]
    [InlineData("kernel=7.2-seccomp", "7.2-seccomp/bookworm/lio")]
    [InlineData("kernel=7.2, release=trixie", "7.2/trixie/lio")]
    [InlineData("7.2-seccomp/trixie", "7.2-seccomp/trixie/lio")]
    [InlineData("6.1/bookworm/tgt", "6.1/bookworm/tgt")]
    [InlineData("RELEASE=Trixie", "6.1/trixie/lio")]
    [InlineData("7.2", "7.2/bookworm/lio")]
    [InlineData("trixie", "6.1/trixie/lio")]
    public void An_override_for_one_run_replaces_what_it_names(string text, string name) =>
        SutConfig.Seeds.WithBuild(text, "$SANCHAOS_BUILD").BuildName.Should().Be(name);

    [Theory]
    [InlineData("kernel=5.10", "no kernel '5.10'")]
    [InlineData("release=buster", "no release 'buster'")]
    [InlineData("colour=blue", "unknown key 'colour'")]
    [InlineData("buster", "no kernel or release of that name")]
    [InlineData("7.2/bookworm/lio/x", "a build name is kernel/release")]
    public void A_bad_override_names_its_source_and_what_a_build_may_say(string text, string why)
    {
        var e = FluentActions.Invoking(() => SutConfig.Seeds.WithBuild(text, "$SANCHAOS_BUILD")).Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Contain($"'{text}' in $SANCHAOS_BUILD").And.Contain(why);
        e.Remedy.Should().Contain("kernel=<6.1|7.2|7.2-seccomp>");
    }
}
