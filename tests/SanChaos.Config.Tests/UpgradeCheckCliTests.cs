using FluentAssertions;
using SanChaos.Core;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>
/// <c>sanchaos upgrade-check</c> without a lab: on two run folders (a rack's before and after), and its errors before any
/// drill starts. The run is a real smoke run of the embedded lab (tests/SanChaos.Reporting.Tests/Fixtures/lab-smoke-run);
/// the "after" copy has the power loss's takeover 8 s later, as a longer Heartbeat deadtime would make it.
/// </summary>
public sealed class UpgradeCheckCliTests : TempFolderTests
{
    private static readonly string Embedded = Path.Combine(Repository.Root(), "lab", "embedded.yaml");
    private static readonly string RealRun = Path.Combine(Repository.Root(), "tests", "SanChaos.Reporting.Tests", "Fixtures", "lab-smoke-run");

    private string Copy(string name, Func<string, string> change)
    {
        var dir = Path.Combine(Temp, name);
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(RealRun, "environment.json"), Path.Combine(dir, "environment.json"));
        File.WriteAllLines(Path.Combine(dir, "scenarios.jsonl"), File.ReadAllLines(Path.Combine(RealRun, "scenarios.jsonl")).Select(change));
        return dir;
    }

    [Fact]
    public async Task A_takeover_8_s_slower_after_the_upgrade_is_flagged_and_exits_1()
    {
        var after = Copy("after", l => l.Contains("The primary loses power while multipath queues I/O", StringComparison.Ordinal)
            ? l.Replace("\"value\":\"\\u002B37.5 s\"", "\"value\":\"\\u002B45.5 s\"", StringComparison.Ordinal) : l);
        var (exit, output, err) = await SanchaosProcess.RunAsync(Embedded, Temp, false, "upgrade-check", "--before", RealRun, "--after", after);
        err.Should().BeEmpty();
        exit.Should().Be(1);
        output.Should().Contain("takeover complete").And.Contain("REGRESSION");
    }

    [Fact]
    public async Task The_same_run_before_and_after_is_no_regression_and_exits_0()
    {
        var (exit, output, _) = await SanchaosProcess.RunAsync(Embedded, Temp, false, "upgrade-check", "--before", RealRun, "--after", Copy("same", l => l));
        exit.Should().Be(0);
        output.Should().NotContain("REGRESSION");
    }

    [Theory]
    [InlineData("--from|6.1|--to|9.9", "The build '9.9' in --to", "kernel=<6.1|7.2|7.2-seccomp>")]
    [InlineData("--from|kernel=7.2", "upgrade-check needs --from and --to.", "release=<bookworm|trixie>")]
    [InlineData("--before|x", "either --from and --to", "sanchaos upgrade-check --from 6.1/bookworm/lio")]
    public async Task Bad_arguments_are_refused_before_any_lab_with_what_to_write(string args, string problem, string remedy)
    {
        var (exit, output, err) = await SanchaosProcess.RunAsync(Embedded, Temp, false, ["upgrade-check", .. args.Split('|')]);
        exit.Should().Be(2);
        output.Should().BeEmpty();
        err.Should().Contain(problem).And.Contain(remedy);
    }

    [Fact]
    public async Task Lab_up_with_an_unknown_build_says_which_builds_exist_before_it_touches_anything()
    {
        var (exit, _, err) = await SanchaosProcess.RunAsync(Embedded, Temp, false, "lab", "up", "--exit", "--build", "kernel=9.9");
        exit.Should().Be(1);
        Lines(err).Should().Equal("error: The build 'kernel=9.9' in --build: no kernel '9.9'.",
            "What to do: write kernel=<6.1|7.2|7.2-seccomp>,release=<bookworm|trixie>,target=<lio|tgt> (any of them), or a build name such as 7.2-seccomp/bookworm/lio.");
    }
}
