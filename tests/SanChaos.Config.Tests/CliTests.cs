using System.CommandLine;
using FluentAssertions;
using SanChaos.Cli;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>`sanchaos lint` and `sanchaos budget` end to end on the fixture folders (the real command tree, output captured).</summary>
public sealed class CliTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Program.BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Lint_on_the_seeds_exits_1_and_prints_each_finding_with_where_why_fix_and_drill()
    {
        var (exit, output, _) = await Run("lint", Fixtures.Folder("seeds"));
        exit.Should().Be(1);
        output.Should().Contain("error drbd.fencing otter/drbd.conf:2").And.Contain("error hb.haresources-continuation weasel/haresources:2")
            .And.Contain("  why: ").And.Contain("  fix: ").And.Contain("  drill: features/heartbeat-paths.feature @both-paths-lost");
    }

    [Fact]
    public async Task Lint_json_on_the_lab_with_its_measured_group_start_reports_the_errors_the_lab_risks()
    {
        var (exit, output, _) = await Run("lint", Fixtures.Folder("embedded"), "--json", "--group-start", "35-55");
        exit.Should().Be(1);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("severity").GetString()} {f.GetProperty("rule").GetString()}")
            .Should().Equal("error drbd.fencing", "error drbd.fencing", "error mpath.no-path-retry", "warning net.arp-filter");
    }

    [Fact]
    public async Task Lint_rendered_lints_what_SanChaos_would_write_for_an_inventory_without_a_lab()
    {
        var (exit, output, _) = await Run("lint", Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml"), "--rendered");
        exit.Should().Be(1, "the seeds' DRBD has no fencing");
        output.Should().Contain("as SanChaos renders it").And.Contain("info iscsi.target-auth otter/lio-target.conf").And.Contain("error drbd.fencing otter/drbd.d/r0.res");
        (exit, _, var err) = await Run("lint", Fixtures.Folder("embedded"), "--rendered");
        exit.Should().Be(2);
        err.Should().Contain("--rendered renders a lab inventory");
    }

    [Fact]
    public async Task Lint_on_a_clean_folder_exits_0()
    {
        var (exit, output, _) = await Run("lint", Fixtures.Folder("clean/embedded"));
        exit.Should().Be(0);
        output.Should().Contain("0 errors, 0 warnings, 0 info");
    }

    [Fact]
    public async Task Bad_input_exits_2_with_file_and_line()
    {
        var temp = Directory.CreateTempSubdirectory("sanchaos-cli-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(temp, "otter"));
            await File.WriteAllTextAsync(Path.Combine(temp, "otter", ".modes"), "six hundred authkeys\n", TestContext.Current.CancellationToken);
            var (exit, _, err) = await Run("lint", temp);
            exit.Should().Be(2);
            err.Should().Contain($"{Path.Combine(temp, "otter", ".modes")}:1");

            var inventory = Path.Combine(temp, "broken.yaml");
            await File.WriteAllTextAsync(inventory, "lab:\n  name: x\n  kind: nonsense\n", TestContext.Current.CancellationToken);
            (exit, _, err) = await Run("budget", inventory);
            exit.Should().Be(2);
            err.Should().Contain("broken.yaml:");

            (exit, _, err) = await Run("lint", Path.Combine(temp, "missing"));
            exit.Should().Be(2);
            err.Should().Contain("neither a configuration folder nor a lab inventory");

            (exit, _, err) = await Run("budget", Fixtures.Folder("embedded"), "--group-start", "later");
            exit.Should().Be(2);
            err.Should().Contain("--group-start later: not a duration range");
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public async Task Budget_prints_the_table_with_the_measured_term()
    {
        var (exit, output, _) = await Run("budget", Fixtures.Folder("embedded"), "--group-start", "35-55");
        exit.Should().Be(0);
        output.Should().Contain("resource group start 35–55 s (given with --group-start 35-55)")
            .And.Contain("storage switch loss — features/storage-switch.feature @switch-power")
            .And.Contain("= detection 9–10 s, takeover 35–56.5 s, stall 45–84.5 s; application errors: yes");
    }

    [Fact]
    public async Task Save_writes_what_was_read_as_a_folder()
    {
        var temp = Directory.CreateTempSubdirectory("sanchaos-cli-").FullName;
        try
        {
            var (exit, _, _) = await Run("lint", Fixtures.Folder("clean/seeds"), "--save", temp);
            exit.Should().Be(0);
            File.ReadAllText(Path.Combine(temp, "otter", ".modes")).Should().Contain("600 authkeys");
            (await Run("lint", temp)).Exit.Should().Be(0);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
