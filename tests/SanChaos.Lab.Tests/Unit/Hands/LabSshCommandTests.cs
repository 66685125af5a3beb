using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Loading;
using SanChaos.Labs.Hands;
using SanChaos.Labs.Uml;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Hands;

/// <summary>The argument vector of <c>sanchaos lab ssh</c>, from run data made up here (no lab, no ssh started).</summary>
[Trait("Category", "unit")]
public sealed class LabSshCommandTests
{
    private static readonly UmlRunStatus Run = MakeRun("ab12cd34", DateTimeOffset.Parse("2025-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture),
        new UmlNodeStatus("otter", 4242, Running: true, Powered: true, "10.99.0.11", "/var/lib/sanchaos/runs/ab12cd34/console/otter.log"),
        new UmlNodeStatus("weasel", 0, Running: false, Powered: false, "10.99.0.12", "/var/lib/sanchaos/runs/ab12cd34/console/weasel.log"),
        new UmlNodeStatus("badger", 4343, Running: true, Powered: true, "10.99.0.21", "/var/lib/sanchaos/runs/ab12cd34/console/badger.log"));

    [Fact]
    public void A_shell_on_a_terminal_runs_ssh_in_the_labs_namespace_with_its_key_and_a_tty()
    {
        var argv = LabSshCommand.ForRun(Run, "otter", [], terminal: true);

        argv.Take(5).Should().Equal("ip", "netns", "exec", "sanchaos-ab12cd34", "ssh");
        argv.TakeLast(2).Should().Equal("-t", "10.99.0.11");
        var text = string.Join(' ', argv);
        text.Should().Contain("-F /dev/null").And.Contain($"-o IdentityFile={UmlLab.DefaultSshKeyFile}").And.Contain("-o IdentitiesOnly=yes")
            .And.Contain("-o StrictHostKeyChecking=no").And.Contain("-o UserKnownHostsFile=/dev/null").And.Contain("-p 22 -l root");
        text.Should().NotContain("BatchMode", "a person may be asked something").And.NotContain("ControlPath").And.NotContain(" -- ");
    }

    [Fact]
    public void A_command_follows_a_double_dash_after_the_address_and_gets_no_tty()
    {
        var argv = LabSshCommand.ForRun(Run, "badger", ["multipath", "-ll"], terminal: true);

        argv.TakeLast(4).Should().Equal("10.99.0.21", "--", "multipath", "-ll");
        argv.Should().NotContain("-t");
    }

    [Fact]
    public void A_shell_without_a_terminal_gets_no_tty()
    {
        var argv = LabSshCommand.ForRun(Run, "otter", [], terminal: false);
        argv.Should().NotContain("-t");
        argv[^1].Should().Be("10.99.0.11");
    }

    [Fact]
    public void The_builder_takes_plain_values_and_another_key()
    {
        var argv = LabSshCommand.Embedded("sanchaos-ffff0000", "otter", "10.99.0.11", ["true"], terminal: false, keyFile: "/tmp/lab key");
        argv.Take(4).Should().Equal("ip", "netns", "exec", "sanchaos-ffff0000");
        argv.Should().Contain("IdentityFile=\"/tmp/lab key\"").And.EndWith(["10.99.0.11", "--", "true"]);
    }

    [Fact]
    public void An_unknown_node_is_refused_with_the_labs_nodes()
    {
        var act = () => LabSshCommand.ForRun(Run, "ferret", [], terminal: true);
        var e = act.Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Be("The embedded lab (run ab12cd34) has no node \"ferret\"; its nodes are otter, weasel, badger.");
        e.Remedy.Should().Be("name one of them, e.g. `sanchaos lab ssh otter`.");
        FluentActions.Invoking(() => LabSshCommand.Node(Run, "ferret", "console"))
            .Should().Throw<SanChaosException>().Which.Remedy.Should().Be("name one of them, e.g. `sanchaos lab console otter`.");
        LabSshCommand.Node(Run, "weasel", "console").ConsoleLog.Should().EndWith("/console/weasel.log", "a powered-off node's console can be read");
    }

    [Fact]
    public void A_powered_off_node_and_a_node_whose_kernel_died_are_refused_with_what_to_do()
    {
        FluentActions.Invoking(() => LabSshCommand.ForRun(Run, "weasel", [], terminal: true))
            .Should().Throw<SanChaosException>().Which.Problem.Should().Be("Node weasel is powered off (its PDU outlet is off).");
        var crashed = Run with { Nodes = [Run.Nodes[0] with { Running = false }] };
        var e = FluentActions.Invoking(() => LabSshCommand.ForRun(crashed, "otter", [], terminal: true)).Should().Throw<SanChaosException>().Which;
        e.Problem.Should().StartWith("Node otter's kernel is not running");
        e.Remedy.Should().Contain("sanchaos lab console otter");
    }

    [Fact]
    public void The_running_lab_is_the_newest_run_whose_namespace_exists()
    {
        var older = Run with { RunId = "older", Created = Run.Created.AddHours(-1) };
        var stale = Run with { RunId = "stale", Created = Run.Created.AddHours(1), NamespaceExists = false };
        LabSshCommand.RunningLab([older, Run, stale]).RunId.Should().Be("ab12cd34");

        var e = FluentActions.Invoking(() => LabSshCommand.RunningLab([stale])).Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Be("No embedded lab is running on this machine.");
        e.Remedy.Should().Be("start one with `sanchaos lab up --detach`.");
    }

    [Fact]
    public void A_rack_node_is_reached_on_its_management_address_with_the_users_ssh_config_and_the_inventorys_login()
    {
        var rack = InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "hardware.example.yaml"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var shell = LabSshCommand.Hardware(rack, "otter", [], terminal: true);
        shell[0].Should().Be("ssh");
        shell.Should().NotContain("-F").And.NotContain("ip").And.NotContain("-i");
        shell.TakeLast(2).Should().Equal("-t", "172.16.1.1");
        var text = string.Join(' ', shell);
        text.Should().Contain("-p 22 -l root").And.Contain($"-o IdentityFile={home}/.ssh/sanchaos_rack2")
            .And.Contain("-o StrictHostKeyChecking=yes").And.Contain($"-o UserKnownHostsFile={home}/.ssh/known_hosts_rack2");

        LabSshCommand.Hardware(rack, "badger", ["multipath", "-ll"], terminal: true).TakeLast(4).Should().Equal("172.16.1.10", "--", "multipath", "-ll");
        FluentActions.Invoking(() => LabSshCommand.Hardware(rack, "ferret", [], terminal: true))
            .Should().Throw<SanChaosException>().Which.Remedy.Should().Be("use one of: otter, weasel, badger.");
    }

    private static UmlRunStatus MakeRun(string id, DateTimeOffset created, params UmlNodeStatus[] nodes) =>
        new(id, "sanchaos-" + id, "/var/lib/sanchaos/runs/" + id, "up", 1234, OwnerAlive: true, NamespaceExists: true, created, nodes);
}
