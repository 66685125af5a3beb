using FluentAssertions;
using SanChaos.Gherkin.Model;
using SanChaos.Gherkin.Parsing;
using Xunit;

namespace SanChaos.Gherkin.Tests;

public sealed class CompilerTests
{
    [Fact]
    public void Background_steps_come_first_in_every_scenario()
    {
        var f = Samples.File("failover.feature");
        f.Errors.Should().BeEmpty();
        foreach (var s in f.Scenarios)
        {
            s.Steps[0].Text.Should().Be("a lab with 2 storage nodes");
            s.Steps[1].Text.Should().Be("the resource group runs on \"weasel\"");
            s.Steps[1].Keyword.Should().Be("And");
            s.Steps[1].Kind.Should().Be(StepKeyword.Given);
        }
    }

    [Fact]
    public void Each_outline_row_is_a_scenario_with_its_values_substituted()
    {
        var rows = Samples.File("failover.feature").Scenarios.Where(s => s.Name.StartsWith("Power loss of ", StringComparison.Ordinal) && s.Name.Contains('(')).ToArray();
        rows.Select(r => r.Name).Should().Equal(
            "Power loss of weasel (node: weasel, survivor: otter, budget: 30 s)",
            "Power loss of otter (node: otter, survivor: weasel, budget: 45 s)");
        rows[0].Steps.Select(s => s.Text).Should().Contain(["\"weasel\" loses power", "\"otter\" holds the resources within 30 s"]);
        rows[1].Steps.Select(s => s.Text).Should().Contain(["\"otter\" loses power", "\"weasel\" holds the resources within 45 s"]);
        rows[0].Id.Should().NotBe(rows[1].Id);
        rows[0].Id.Should().EndWith($":{rows[0].Line}");
        rows[0].DisplayName.Should().Be("Sample failover: Power loss of weasel (node: weasel, survivor: otter, budget: 30 s)");
    }

    [Fact]
    public void Tags_of_feature_outline_and_scenario_are_inherited()
    {
        var f = Samples.File("failover.feature");
        f.Scenarios.Single(s => s.Name == "Power loss of the primary").Tags.Should().BeEquivalentTo("sample", "kill-primary", "nightly");
        f.Scenarios.Single(s => s.Name.StartsWith("Power loss of otter", StringComparison.Ordinal)).Tags.Should().BeEquivalentTo("sample", "kill-primary");
        f.Scenarios.Single(s => s.Name == "Slow step is async").Tags.Should().BeEquivalentTo("sample");
    }

    [Fact]
    public void And_and_But_take_the_kind_of_the_step_before()
    {
        var s = Samples.File("failover.feature").Scenarios.Single(s => s.Name == "Power loss of the primary");
        s.Steps.Select(x => (x.Keyword, x.Kind)).Should().Equal(
            ("Given", StepKeyword.Given), ("And", StepKeyword.Given), ("When", StepKeyword.When),
            ("Then", StepKeyword.Then), ("But", StepKeyword.Then));
    }

    [Fact]
    public void Data_tables_and_doc_strings_are_attached_to_their_step()
    {
        var s = Samples.File("failover.feature").Scenarios.Single(s => s.Name.StartsWith("Serial cable", StringComparison.Ordinal));
        var table = s.Steps.Single(x => x.Text == "these cables are cut:").Table!;
        table.Header.Should().Equal("cable", "between");
        table.Rows.Select(r => r["cable"]).Should().Equal("serial", "eth1");
        s.Steps.Single(x => x.Text == "heartbeat logs:").DocString.Should().Be("Link weasel:/dev/ttyS1 dead.");
    }

    [Fact]
    public void Outline_placeholders_are_substituted_in_tables_and_doc_strings_too()
    {
        const string text = """
            Feature: F
              Scenario Outline: O
                When cables are cut:
                  | cable   |
                  | <cable> |
                Then the log says:
                  ""\"
                  <cable> is down
                  ""\"
                Examples:
                  | cable |
                  | eth1  |
            """;
        var f = FeatureCompiler.Compile("x.feature", "/x.feature", text.Replace("\"\"\\\"", "\"\"\""));
        f.Errors.Should().BeEmpty();
        var s = f.Scenarios.Single();
        s.Steps[0].Table!.Rows[0]["cable"].Should().Be("eth1");
        s.Steps[1].DocString.Should().Be("eth1 is down");
    }

    [Fact]
    public void A_file_that_does_not_parse_gives_its_errors_with_line_and_column_and_the_others_still_load()
    {
        var (dir, root) = Samples.Located;
        var all = FeatureCompiler.LoadDirectory(dir, root);
        var broken = all.Single(f => f.Path.EndsWith("broken.feature", StringComparison.Ordinal));
        broken.Scenarios.Should().BeEmpty();
        broken.Errors.Should().NotBeEmpty();
        broken.Errors.Should().OnlyContain(e => e.FeatureFile == broken.Path && e.Line > 1 && e.Column >= 1);
        broken.Errors.Select(e => e.Line).Should().Contain(10, "line 10 has a row with more cells than the header: {0}", string.Join("; ", broken.Errors));
        broken.Errors.Select(e => e.Line).Should().Contain(11, "line 11 is not Gherkin");
        broken.Errors.Should().Contain(e => e.Message.Contains("inconsistent cell count", StringComparison.OrdinalIgnoreCase) ||
                                            e.Message.Contains("expected", StringComparison.OrdinalIgnoreCase));
        all.Where(f => f != broken).SelectMany(f => f.Scenarios).Should().HaveCountGreaterThan(5);
    }

    [Fact]
    public void A_file_without_a_feature_is_an_error_not_an_empty_success()
    {
        var f = FeatureCompiler.Compile("empty.feature", "/empty.feature", "# nothing here\n");
        f.Errors.Should().ContainSingle().Which.Message.Should().Contain("Feature");
    }
}
