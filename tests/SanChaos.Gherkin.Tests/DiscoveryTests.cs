using System.Diagnostics;
using FluentAssertions;
using SanChaos.Gherkin.Xunit;
using Xunit;

namespace SanChaos.Gherkin.Tests;

/// <summary>
/// Discovery as the test framework does it: the Samples assembly is an xunit v3 test executable whose
/// theory uses [Features]; these tests run its discovery and execution with trait filters.
/// </summary>
public sealed class DiscoveryTests
{
    private static async Task<(int Exit, string[] Lines)> Samples_(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Samples.Located.Root };
        psi.ArgumentList.Add(Samples.Executable);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-noColor");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        var text = await stdout + await stderr;
        return (p.ExitCode, text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("xUnit.net", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void Every_scenario_and_outline_row_is_a_data_row_named_feature_colon_scenario_with_traits()
    {
        var rows = FeaturesAttribute.Rows(Samples.Directory);
        rows.Select(r => r.TestDisplayName).Should().Contain([
            "Sample failover: Power loss of the primary",
            "Sample failover: Power loss of weasel (node: weasel, survivor: otter, budget: 30 s)",
            "Sample failover: Power loss of otter (node: otter, survivor: weasel, budget: 45 s)",
            "tests/SanChaos.Gherkin.Samples/features/broken.feature: does not parse",
        ]);
        var primary = rows.Single(r => r.TestDisplayName == "Sample failover: Power loss of the primary");
        primary.Traits!["Category"].Should().BeEquivalentTo("sample", "kill-primary", "nightly");
        primary.Traits["Feature"].Should().BeEquivalentTo("Sample failover");
        rows.Should().OnlyContain(r => r.Traits!["Kind"].Contains("drill"), "the tool's own test run leaves drills out with Kind!=drill");
    }

    [Fact]
    public void Repeated_every_scenario_is_a_row_per_run_round_by_round_and_a_broken_file_once()
    {
        var once = FeaturesAttribute.Rows(Samples.Directory, null, 1);
        var rows = FeaturesAttribute.Rows(Samples.Directory, null, 2).ToArray();
        var scenarios = once.Count(r => !r.TestDisplayName!.EndsWith("does not parse", StringComparison.Ordinal));
        rows.Should().HaveCount(once.Count + scenarios, "each scenario twice, the file that does not parse once");
        rows.Count(r => r.TestDisplayName!.EndsWith(" [run 1/2]", StringComparison.Ordinal)).Should().Be(scenarios);
        rows.Count(r => r.TestDisplayName!.EndsWith(" [run 2/2]", StringComparison.Ordinal)).Should().Be(scenarios);
        // Round by round: every run 1 comes before any run 2, and the rows' ids carry the round the drill host strips.
        var rounds = rows.Where(r => !r.TestDisplayName!.EndsWith("does not parse", StringComparison.Ordinal)).Select(r => Repeat.RoundOf(r.TestDisplayName!)).ToArray();
        rounds.Should().BeInAscendingOrder();
        var second = rows.First(r => r.TestDisplayName == "Sample failover: Power loss of the primary [run 2/2]");
        Repeat.Parse((string)second.GetData()[0]!).Round.Should().Be(2);
        second.Traits!["Category"].Should().Contain("kill-primary", "a repeated row keeps its traits, so --filter selects it");
    }

    [Fact]
    public async Task A_tag_filter_selects_exactly_the_tagged_scenarios()
    {
        var (_, lines) = await Samples_("-list", "tests", "-trait", "Category=kill-primary");
        lines.Should().BeEquivalentTo(
            "Sample failover: Power loss of the primary",
            "Sample failover: Power loss of weasel (node: weasel, survivor: otter, budget: 30 s)",
            "Sample failover: Power loss of otter (node: otter, survivor: weasel, budget: 45 s)");

        var (_, serial) = await Samples_("-list", "tests", "-trait", "Category=serial");
        serial.Should().Equal("Sample failover: Serial cable pulled with a table and a doc string");
    }

    [Fact]
    public async Task Feature_tags_apply_to_every_scenario_of_the_feature_and_features_are_traits_too()
    {
        var (_, sample) = await Samples_("-list", "tests", "-trait", "Category=sample");
        sample.Should().HaveCount(5).And.OnlyContain(l => l.StartsWith("Sample failover: ", StringComparison.Ordinal));
        var (_, feature) = await Samples_("-list", "tests", "-trait", "Feature=Sample problems");
        feature.Should().HaveCount(5).And.OnlyContain(l => l.StartsWith("Sample problems: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Running_the_samples_passes_the_good_ones_and_fails_the_broken_file_while_the_others_still_run()
    {
        var (exit, lines) = await Samples_("-trait-", "Category=slow", "-parallel", "none");
        exit.Should().NotBe(0);
        var text = string.Join("\n", lines);
        text.Should().Contain("broken.feature does not parse").And.Contain("broken.feature:10:").And.Contain("broken.feature:11:");
        text.Should().Contain("Undefined step at tests/SanChaos.Gherkin.Samples/features/problems.feature:6");
        var summary = lines.Single(l => l.StartsWith("SanChaos.Gherkin.Samples", StringComparison.Ordinal) && l.Contains("Total:"));
        // deferred.feature adds three scenarios that fail or are broken on purpose (checks deferred to the end) and one
        // that passes (a verdict kept in the history file);
        // skipped.feature one that this "lab" cannot run: a skipped test with its reason.
        summary.Should().Contain("Total: 15").And.Contain("Errors: 0").And.Contain("Failed: 8").And.Contain("Skipped: 1");
        text.Should().Contain("lab sample cannot pull the serial cable: it lacks ISerialCableControl. What to do: drill a lab with a serial relay.");
    }
}
