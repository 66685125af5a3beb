using System.Diagnostics;
using System.Runtime.Versioning;
using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Core.Waiting;
using SanChaos.Labs;
using SanChaos.Labs.Remote;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Remote;

/// <summary>
/// Against a real sshd. Nodes named "otter" reuse the fixture's control master; other names connect on their own.
/// Each remote command costs about a second here (root's login shell initialises pyenv), so tests run few.
/// </summary>
[Trait("Category", "ssh")]
public sealed class SshNodeTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exec_returns_stdout_stderr_and_the_exit_code_of_one_shell_command_line()
    {
        await using var node = new SshNode(sshd.Node());
        var r = await node.ExecAsync("echo \"a  b\" 'c'\"'\"'d'; echo err >&2; exit 3", ct: Ct);
        r.Should().Be(new CommandResult(3, "a  b c'd\n", "err\n"), "the command travels as one argument and the remote shell parses it");
    }

    [Fact]
    public async Task A_remote_exit_255_is_a_result_not_a_connection_error()
    {
        await using var node = new SshNode(sshd.Node());
        var r = await node.ExecAsync("echo 'write error: Broken pipe' >&2; exit 255", ct: Ct);
        r.Should().Be(new CommandResult(255, "", "write error: Broken pipe\n"));
    }

    [Fact]
    public async Task A_megabyte_on_each_stream_at_once_does_not_deadlock()
    {
        await using var node = new SshNode(sshd.Node());
        var r = await node.ExecAsync(
            "head -c 1048576 /dev/zero | tr '\\0' o & head -c 1048576 /dev/zero | tr '\\0' e >&2; wait",
            TimeSpan.FromSeconds(10), Ct);
        r.ExitCode.Should().Be(0);
        r.StandardOutput.Length.Should().Be(1 << 20);
        r.StandardOutput.Should().MatchRegex("^o+$");
        r.StandardError.Length.Should().Be(1 << 20);
    }

    [Fact]
    public async Task A_command_past_its_timeout_has_its_ssh_process_killed()
    {
        await using var node = new SshNode(sshd.Node());
        var command = $"sleep 6.{Random.Shared.Next(100000, 999999)}; echo late";
        var watch = Stopwatch.StartNew();

        var act = () => node.ExecAsync(command, TimeSpan.FromSeconds(1), Ct);

        var e = (await act.Should().ThrowAsync<CommandTimeoutException>()).Which;
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "it was killed, not waited for (usually ~1.1 s)");
        e.Where.Should().Be("otter");
        e.Command.Should().Be(command);
        e.Partial.ExitCode.Should().Be(-1);
        e.Message.Should().Contain("did not finish within 1 s");
        e.Remedy.Should().Contain("may still be running on otter");
        LocalProcesses.Find("ssh", command).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelling_a_command_kills_its_ssh_process()
    {
        await using var node = new SshNode(sshd.Node());
        var command = $"sleep 6.{Random.Shared.Next(100000, 999999)}";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(500));

        var act = () => node.ExecAsync(command, ct: cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        LocalProcesses.Find("ssh", command).Should().BeEmpty();
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Upload_writes_the_content_with_its_mode_and_leaves_no_temporary_file()
    {
        await using var node = new SshNode(sshd.Node());
        var dir = Directory.CreateDirectory(Path.Combine(sshd.Dir, "up load's")).FullName;
        var path = Path.Combine(dir, "ha.cf");
        var content = "node otter weasel\nserial /dev/ttyS1\n# \"quotes\" 'and' $dollars `ticks` ünïcödé\n";

        await node.UploadAsync(path, content, "0640", Ct);

        (await File.ReadAllTextAsync(path, Ct)).Should().Be(content);
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Directory.GetFiles(dir).Should().Equal([path], "the temporary file was renamed, not left behind");
    }

    [Fact]
    public async Task Upload_replaces_an_existing_file_and_an_executable_mode_works()
    {
        await using var node = new SshNode(sshd.Node());
        var path = Path.Combine(sshd.Dir, "lean-ip.sh");
        await File.WriteAllTextAsync(path, "old", Ct);

        await node.UploadAsync(path, "#!/bin/sh\necho replaced\n", "755", Ct);

        (await node.ExecAsync(SshNode.ShellQuote(path), ct: Ct)).StandardOutput.Should().Be("replaced\n");
    }

    [Fact]
    public async Task Exec_all_returns_each_commands_output_error_and_exit_code_in_order()
    {
        await using var node = new SshNode(sshd.Node());
        var results = await node.ExecAllAsync(
        [
            "cat /proc/version | head -c 5",
            "echo out; echo err >&2; exit 3",
            "printf 'no newline'",
            "exit 0 # a comment ends the line",
            "read x; echo \"stdin:${x:-empty}\"",
            "cd /; pwd",
            "pwd",
        ], ct: Ct);

        results.Should().HaveCount(7);
        results[0].Should().Be(new Core.Commands.CommandResult(0, "Linux", ""));
        results[1].Should().Be(new Core.Commands.CommandResult(3, "out\n", "err\n"));
        results[2].StandardOutput.Should().Be("no newline");
        results[3].ExitCode.Should().Be(0);
        results[4].StandardOutput.Should().Be("stdin:empty\n", "stdin is /dev/null, not the batch");
        results[5].StandardOutput.Should().Be("/\n");
        results[6].StandardOutput.Should().NotBe("/\n", "each command runs in its own subshell");
        (await node.ExecAsync("ls -d /tmp/.sanchaos-batch.* 2>/dev/null | wc -l", ct: Ct)).StandardOutput.Trim().Should().Be("0");
    }

    [Fact]
    public void A_batch_cut_short_is_an_error_naming_the_node_and_the_command_reached()
    {
        var m = "--sanchaos-x";
        var partial = new Core.Commands.CommandResult(137, $"{m} 0 out\nA\n{m} 0 rc 0\n{m} 0 end\n{m} 1 out\npartial", "Killed");
        var act = () => SshNode.ParseBatch(partial, 2, m, "weasel");
        var e = act.Should().Throw<CommandFailedException>().Which;
        e.Where.Should().Be("weasel");
        e.Message.Should().Contain("stopped at command 2");
    }

    [Fact]
    public async Task Upload_all_writes_every_file_exactly_with_its_mode_in_one_command()
    {
        await using var node = new SshNode(sshd.Node());
        var dir = Directory.CreateDirectory(Path.Combine(sshd.Dir, "upload-all-" + Guid.NewGuid().ToString("N"))).FullName;
        NodeFile[] files =
        [
            new(Path.Combine(dir, "ha.cf"), "keepalive 1\ndeadtime 10\n# ünïcödé 'q' \"d\" $x `t`\n", "0644"),
            new(Path.Combine(dir, "authkeys"), "auth 1\n1 sha1 secret", "0600"),
            new(Path.Combine(dir, "empty"), "", "0640"),
            new(Path.Combine(dir, "big"), new string('x', 200_000) + "\n", "0644"),
        ];

        await node.UploadAllAsync(files, Ct);

        foreach (var f in files) (await File.ReadAllTextAsync(f.Path, Ct)).Should().Be(f.Content, f.Path);
        File.GetUnixFileMode(files[1].Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(files[2].Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Directory.GetFiles(dir).Should().HaveCount(4, "no temporary file is left");
    }

    [Fact]
    public async Task Upload_all_stops_at_a_file_it_cannot_write_and_names_it()
    {
        await using var node = new SshNode(sshd.Node());
        var dir = Directory.CreateDirectory(Path.Combine(sshd.Dir, "upload-all-" + Guid.NewGuid().ToString("N"))).FullName;
        var bad = Path.Combine(dir, "no-such-dir", "multipath.conf");
        var act = () => node.UploadAllAsync([new(Path.Combine(dir, "a"), "a\n"), new(bad, "b\n"), new(Path.Combine(dir, "c"), "c\n")], Ct);

        var e = (await act.Should().ThrowAsync<CommandFailedException>()).Which;
        e.Where.Should().Be("otter");
        e.Message.Should().Contain($"cannot write {bad}");
        Directory.GetFiles(dir).Select(Path.GetFileName).Should().Equal(["a"], "the first file landed, nothing half-written, the rest not attempted");
    }

    [Fact]
    public async Task Upload_into_a_missing_directory_fails_with_the_node_and_the_path()
    {
        await using var node = new SshNode(sshd.Node());
        var path = Path.Combine(sshd.Dir, "no-such-dir", "file");

        var act = () => node.UploadAsync(path, "x", ct: Ct);

        var e = (await act.Should().ThrowAsync<CommandFailedException>()).Which;
        e.Where.Should().Be("otter");
        e.Message.Should().Contain(path);
    }

    [Fact]
    public async Task Commands_go_through_the_control_master_while_it_runs()
    {
        await using var node = new SshNode(sshd.Node("weasel"));
        await node.StartMasterAsync(Ct);
        await node.StartMasterAsync(Ct); // idempotent
        node.IsMasterRunning.Should().BeTrue();
        File.Exists(node.Options.ControlPath).Should().BeTrue();

        // A client with no usable key still gets in: it never authenticates, it rides the master's connection.
        await using var keyless = new SshNode(sshd.Node("weasel") with { IdentityFile = Path.Combine(sshd.Dir, "no-such-key") });
        (await keyless.ExecAsync("echo multiplexed", ct: Ct)).StandardOutput.Should().Be("multiplexed\n");

        await node.StopMasterAsync();
        await node.StopMasterAsync(); // idempotent
        node.IsMasterRunning.Should().BeFalse();
        File.Exists(node.Options.ControlPath).Should().BeFalse();
    }

    [Fact]
    public async Task WaitUntilReachable_returns_when_ssh_answers()
    {
        await using var node = new SshNode(sshd.Node());
        await node.WaitUntilReachableAsync(TimeSpan.FromSeconds(5), ct: Ct);
    }

    [Fact]
    public async Task Connection_refused_names_the_node_the_endpoint_the_ssh_error_and_what_to_check()
    {
        var port = SshdFixture.FreePort();
        await using var node = new SshNode(sshd.Node("badger") with { Port = port });

        var act = () => node.ExecAsync("true", ct: Ct);

        var e = (await act.Should().ThrowAsync<SshConnectionException>()).Which;
        e.Node.Should().Be("badger");
        e.Endpoint.Should().Be($"root@127.0.0.1:{port}");
        e.SshError.Should().Be($"ssh: connect to host 127.0.0.1 port {port}: Connection refused");
        e.Message.Should().Contain("badger").And.Contain($"127.0.0.1:{port}").And.Contain("Connection refused");
        e.Remedy.Should().Contain("sshd").And.Contain("booted").And.Contain(sshd.ClientKey);

        var master = () => node.StartMasterAsync(Ct);
        (await master.Should().ThrowAsync<SshConnectionException>()).Which.SshError.Should().Contain("Connection refused");
        node.IsMasterRunning.Should().BeFalse();

        var wait = () => node.WaitUntilReachableAsync(TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(100), Ct);
        (await wait.Should().ThrowAsync<WaitTimeoutException>()).Which.LastSeen.Should().Contain("Connection refused");
    }

    [Fact]
    public async Task A_known_hosts_file_with_the_right_key_is_trusted()
    {
        var known = Path.Combine(sshd.Dir, "known_hosts_good");
        await File.WriteAllTextAsync(known, $"[127.0.0.1]:{sshd.Port} {sshd.HostPublicKey}\n", Ct);
        await using var node = new SshNode(sshd.Node("stoat") with { KnownHostsFile = known });
        (await node.ExecAsync("echo trusted", ct: Ct)).StandardOutput.Should().Be("trusted\n");
    }

    [Fact]
    public async Task A_known_hosts_file_with_another_key_refuses_the_node()
    {
        var known = Path.Combine(sshd.Dir, "known_hosts_bad");
        var otherKey = (await File.ReadAllTextAsync(sshd.ClientKey + ".pub", Ct)).Trim();
        await File.WriteAllTextAsync(known, $"[127.0.0.1]:{sshd.Port} {otherKey}\n", Ct);
        await using var node = new SshNode(sshd.Node("ferret") with { KnownHostsFile = known });

        var act = () => node.ExecAsync("true", ct: Ct);

        (await act.Should().ThrowAsync<SshConnectionException>()).Which.Message.Should().Contain("host key");
    }

    [Fact]
    public async Task Ssh_runs_under_the_command_prefix()
    {
        // Stands in for ["ip", "netns", "exec", NS]: a wrapper that announces itself and execs ssh.
        await using var node = new SshNode(sshd.Node() with
        {
            CommandPrefix = ["/bin/sh", "-c", "echo wrapped >&2; exec \"$@\"", "wrapper"],
        });
        var r = await node.ExecAsync("echo inside", ct: Ct);
        r.Should().Be(new CommandResult(0, "inside\n", "wrapped\n"));
    }
}
