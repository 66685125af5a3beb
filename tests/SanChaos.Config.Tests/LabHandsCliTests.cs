using FluentAssertions;
using SanChaos.Cli;
using SanChaos.Cli.Commands;
using SanChaos.Core;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>
/// `lab ssh` and `lab console` on the command line: what reaches ssh as the remote command, and their errors. The
/// processes run on the rack example inventory and fail before any ssh starts: these tests never touch a lab.
/// </summary>
public sealed class LabHandsCliTests : TempFolderTests
{
    private static readonly string Rack = Path.Combine(Repository.Root(), "lab", "hardware.example.yaml");

    [Theory]
    [InlineData("lab ssh otter", "")]
    [InlineData("lab ssh badger multipath -ll", "multipath|-ll")]
    [InlineData("lab ssh weasel cat /proc/drbd", "cat|/proc/drbd")]
    [InlineData("lab ssh badger -- ls -l --color /", "ls|-l|--color|/")]
    [InlineData("lab ssh otter drbdadm -- --discard-my-data connect r0", "drbdadm|--|--discard-my-data|connect|r0")]
    [InlineData("lab ssh otter -- drbdadm -- --discard-my-data connect r0", "drbdadm|--|--discard-my-data|connect|r0")]
    public void The_tokens_after_the_node_are_the_remote_command_in_order(string line, string expected)
    {
        var parse = Program.BuildRoot().Parse(line.Split(' '));
        parse.Errors.Should().BeEmpty();
        string.Join('|', LabHandsCommands.RemoteCommand(parse)).Should().Be(expected);
    }

    [Fact]
    public async Task Lab_ssh_to_an_unknown_rack_node_lists_the_nodes()
    {
        var (exit, output, err) = await SanchaosProcess.RunAsync(Rack, Temp, false, "lab", "ssh", "ferret", "uptime");
        exit.Should().Be(1);
        output.Should().BeEmpty();
        Lines(err).Should().Equal($"error: The lab rack2 ({Rack}) has no node 'ferret'.", "What to do: use one of: otter, weasel, badger.");
    }

    [Fact]
    public async Task Lab_console_of_a_rack_says_its_consoles_are_on_the_serial_console_server()
    {
        var (exit, output, err) = await SanchaosProcess.RunAsync(Rack, Temp, false, "lab", "console", "otter");
        exit.Should().Be(1);
        output.Should().BeEmpty();
        Lines(err).Should().Equal(
            "error: The consoles of hardware lab rack2's nodes are their serial consoles (the rack's serial console server), which `lab console` cannot reach from here.",
            "What to do: open otter's console on the console server; `sanchaos lab ssh otter` gives a shell while it is up.");
    }

    [Fact]
    public void Lab_console_refuses_a_negative_line_count()
    {
        Program.BuildRoot().Parse(["lab", "console", "otter", "--lines", "-1"]).Errors.Should().ContainSingle()
            .Which.Message.Should().Be("--lines must be 0 or more.");
        Program.BuildRoot().Parse(["lab", "console", "otter", "-n", "5", "--no-follow"]).Errors.Should().BeEmpty();
    }

}
