using System.Diagnostics;
using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Labs.Remote;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Remote;

[Trait("Category", "unit")]
public sealed class HostCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_an_argument_vector_without_a_shell_and_returns_exit_code_and_output()
    {
        var r = await HostCommand.RunAsync(["sh", "-c", "echo \"$1\"; echo err >&2; exit 4", "sh", "a $b 'c'"], ct: Ct);
        r.Should().Be(new CommandResult(4, "a $b 'c'\n", "err\n"));
    }

    [Fact]
    public async Task Feeds_standard_input()
    {
        (await HostCommand.RunAsync(["cat"], standardInput: "line 1\nline 2\n", ct: Ct)).StandardOutput.Should().Be("line 1\nline 2\n");
        (await HostCommand.RunAsync(["cat"], ct: Ct)).StandardOutput.Should().BeEmpty("stdin is closed, not inherited");
    }

    [Fact]
    public async Task RunChecked_throws_CommandFailed_on_the_host_with_exit_code_and_output()
    {
        var act = () => HostCommand.RunCheckedAsync(["sh", "-c", "echo 'RTNETLINK answers: File exists' >&2; exit 2"], remedy: "run lab down", ct: Ct);
        var e = (await act.Should().ThrowAsync<CommandFailedException>()).Which;
        e.Where.Should().Be("host");
        e.Result.ExitCode.Should().Be(2);
        e.Message.Should().Contain("RTNETLINK answers: File exists").And.Contain("code 2");
        e.Remedy.Should().Be("run lab down");
        (await HostCommand.RunCheckedAsync(["true"], ct: Ct)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_missing_executable_is_exit_minus_one_and_RunChecked_says_what_to_install()
    {
        var r = await HostCommand.RunAsync(["sanchaos-no-such-tool", "x"], ct: Ct);
        r.ExitCode.Should().Be(-1);
        r.StandardError.Should().Contain("sanchaos-no-such-tool");

        var act = () => HostCommand.RunCheckedAsync(["sanchaos-no-such-tool"], ct: Ct);
        (await act.Should().ThrowAsync<CommandFailedException>()).Which.Remedy.Should().Contain("Install");
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_killed()
    {
        var sleep = $"8.{Random.Shared.Next(100000, 999999)}";
        var watch = Stopwatch.StartNew();
        var act = () => HostCommand.RunAsync(["sh", "-c", $"echo begun; sleep {sleep}; echo late"], timeout: TimeSpan.FromMilliseconds(300), ct: Ct);

        var e = (await act.Should().ThrowAsync<CommandTimeoutException>()).Which;

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6), "it was killed, not waited for (usually ~0.4 s)");
        e.Where.Should().Be("host");
        e.Partial.StandardOutput.Should().Be("begun\n");
        e.Command.Should().Be($"sh -c 'echo begun; sleep {sleep}; echo late'");
        LocalProcesses.Find("sleep", sleep).Should().BeEmpty("the command's children are killed with it");
    }

    [Fact]
    public async Task Cancellation_kills_the_command()
    {
        var sleep = $"8.{Random.Shared.Next(100000, 999999)}";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(200);
        var act = () => HostCommand.RunAsync(["sleep", sleep], ct: cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        LocalProcesses.Find("sleep", sleep).Should().BeEmpty();
    }

    [Fact]
    public void A_namespace_prefixes_ip_netns_exec_and_bad_names_are_refused()
    {
        HostCommand.WithNetns(["tc", "qdisc", "show"], "sanchaos-ab12cd34")
            .Should().Equal("ip", "netns", "exec", "sanchaos-ab12cd34", "tc", "qdisc", "show");
        HostCommand.WithNetns(["tc"], null).Should().Equal("tc");
        FluentActions.Invoking(() => HostCommand.WithNetns(["tc"], "a b")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => HostCommand.WithNetns([], null)).Should().Throw<ArgumentException>();
    }
}
