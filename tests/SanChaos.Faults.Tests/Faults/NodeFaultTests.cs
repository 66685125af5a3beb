using System.Diagnostics;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Faults.Catalog;
using SanChaos.Faults.Tests.Faults.Fakes;
using Xunit;

namespace SanChaos.Faults.Tests.Faults;

public sealed class NodeFaultTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CapableLab Lab() => new(TestInventory.Load(_dir.File("pdu.secret", "x")));

    [Fact]
    public async Task Kill_heartbeat_kills_the_master_by_its_pid_file_and_records_the_pid_then_the_heal_sees_it_gone()
    {
        // The node commands run for real under /bin/sh: a sleeping process plays heartbeat's master.
        using var master = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        var pidFile = _dir.File("heartbeat.pid", master.Id + "\n");
        var lab = Lab();
        lab.NodeMap["otter"] = new LocalShellNode("otter");
        var commands = NodeFaultCommands.Default with
        {
            HeartbeatPidFile = pidFile,
            // The start itself cannot run here; the check before it is the default's.
            HeartbeatStart = NodeFaultCommands.Default.HeartbeatStart.Replace(
                "if systemctl cat heartbeat.service >/dev/null 2>&1; then systemctl restart heartbeat; else /etc/init.d/heartbeat start; fi", "true", StringComparison.Ordinal),
        };
        var run = new RunContext();
        var faults = new FaultSet(run, lab.Inventory, new FaultSetOptions { DryRun = false });
        var fault = new FaultCatalog(lab, new FaultCatalogOptions { Commands = commands }).KillHeartbeat("otter");

        fault.Name.Should().Be("kill heartbeat on otter");
        await faults.InjectAsync(fault, TestContext.Current.CancellationToken);

        await master.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        master.HasExited.Should().BeTrue();
        run.History.Events.Single(e => e.Kind == EventKinds.FaultInjected).Data["pids"].Should().Be(master.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await faults.HealAllAsync(TestContext.Current.CancellationToken);
        run.History.Events.Single(e => e.Kind == EventKinds.FaultHealed).Data["heartbeat"].Should().Be("started");
    }

    [Fact]
    public async Task Healing_heartbeat_that_runs_does_nothing()
    {
        using var master = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        try
        {
            var lab = Lab();
            lab.NodeMap["weasel"] = new LocalShellNode("weasel");
            var commands = NodeFaultCommands.Default with { HeartbeatPidFile = _dir.File("heartbeat.pid", master.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            var fault = new FaultCatalog(lab, new FaultCatalogOptions { Commands = commands }).KillHeartbeat("weasel");

            await fault.HealAsync(TestContext.Current.CancellationToken);

            ((IFaultFacts)fault).Facts["heartbeat"].Should().Be("already-running");
            master.HasExited.Should().BeFalse();
        }
        finally
        {
            master.Kill();
        }
    }

    [Fact]
    public async Task Killing_heartbeat_where_it_does_not_run_fails_with_node_command_exit_and_what_to_do()
    {
        var lab = Lab();
        lab.NodeMap["otter"] = new LocalShellNode("otter");
        var commands = NodeFaultCommands.Default with { HeartbeatPidFile = Path.Combine(_dir.Path, "no-such.pid") };
        var fault = new FaultCatalog(lab, new FaultCatalogOptions { Commands = commands }).KillHeartbeat("otter");

        var act = () => fault.InjectAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<CommandFailedException>()).Which;
        e.Where.Should().Be("otter");
        e.Result.ExitCode.Should().Be(3);
        e.Problem.Should().Contain("heartbeat is not running").And.Contain("no-such.pid");
        e.Remedy.Should().Contain("steady state");
    }

    [Fact]
    public async Task Stopping_the_lio_target_disables_its_portal_group_and_the_heal_enables_it_if_it_is_still_there()
    {
        var configfs = Path.Combine(_dir.Path, "configfs");
        var enable = Path.Combine(configfs, "iqn.2009-02.com.example:test", "tpgt_1", "enable");
        Directory.CreateDirectory(Path.GetDirectoryName(enable)!);
        await File.WriteAllTextAsync(enable, "1\n", TestContext.Current.CancellationToken);
        var lab = Lab();
        lab.NodeMap["weasel"] = new LocalShellNode("weasel");
        var commands = NodeFaultCommands.Default with { LioEnableFile = configfs + "/{{iqn}}/tpgt_{{tpgt}}/enable" };
        var fault = new FaultCatalog(lab, new FaultCatalogOptions { Commands = commands }).StopTarget("weasel");

        fault.Name.Should().Be("stop the iSCSI target on weasel");
        fault.Descriptor.ToString().Should().Be("stop-target(implementation=lio, iqn=iqn.2009-02.com.example:test, node=weasel)");
        await fault.InjectAsync(TestContext.Current.CancellationToken);
        (await File.ReadAllTextAsync(enable, TestContext.Current.CancellationToken)).Trim().Should().Be("0");

        await fault.HealAsync(TestContext.Current.CancellationToken);
        (await File.ReadAllTextAsync(enable, TestContext.Current.CancellationToken)).Trim().Should().Be("1");
        await fault.HealAsync(TestContext.Current.CancellationToken);
        ((IFaultFacts)fault).Facts["target"].Should().EndWith("already-enabled");

        Directory.Delete(configfs, recursive: true); // the resources moved to the peer: nothing left to enable
        await fault.HealAsync(TestContext.Current.CancellationToken);
        ((IFaultFacts)fault).Facts["target"].Should().EndWith("absent");
    }

    [Fact]
    public async Task Stopping_the_target_where_it_does_not_run_says_where_it_runs()
    {
        var lab = Lab();
        lab.NodeMap["otter"] = new LocalShellNode("otter");
        var commands = NodeFaultCommands.Default with { LioEnableFile = _dir.Path + "/nothing/{{iqn}}/tpgt_{{tpgt}}/enable" };
        var fault = new FaultCatalog(lab, new FaultCatalogOptions { Commands = commands }).StopTarget("otter");

        var act = () => fault.InjectAsync(TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<CommandFailedException>()).Which;
        e.Problem.Should().Contain("the target runs only on the node that holds the Heartbeat resources");
        e.Remedy.Should().Contain("sanchaos lab status");
    }

    [Fact]
    public async Task Node_commands_come_from_the_table_with_quoted_values()
    {
        var lab = Lab();
        var otter = new FakeNode("otter").On("echo 0 >", "").On("enable", "enabled\n");
        lab.NodeMap["otter"] = otter;
        var fault = new FaultCatalog(lab).StopTarget("otter");

        await fault.InjectAsync(TestContext.Current.CancellationToken);

        otter.Commands.Should().ContainSingle().Which.Should().StartWith("f='/sys/kernel/config/target/iscsi/iqn.2009-02.com.example:test/tpgt_1/enable';");
        NodeFaultCommands.Fill("kill {{pid}}", new Dictionary<string, string> { ["pid"] = "1; rm -rf /" }).Should().Be("kill '1; rm -rf /'");
        NodeFaultCommands.Quote("it's").Should().Be("'it'\\''s'");
        var act = () => NodeFaultCommands.Fill("kill {{pids}}", new Dictionary<string, string> { ["pid"] = "1" });
        act.Should().Throw<SanChaosException>().Which.Problem.Should().Contain("{{pids}}");
    }

    [Fact]
    public async Task A_node_fault_on_a_lab_that_is_not_up_says_so()
    {
        var fault = new FaultCatalog(Lab()).KillHeartbeat("otter");

        var act = () => fault.InjectAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<SanChaosException>()).Which.Remedy.Should().Contain("sanchaos lab up");
    }

    [Fact]
    public void A_dry_run_of_a_node_fault_shows_the_command()
    {
        var fault = (IDescribesActions)new FaultCatalog(Lab()).KillHeartbeat("otter");

        fault.DescribeActions(FaultPhase.Inject).Should().ContainSingle().Which.Should()
            .StartWith("kill -9 heartbeat's master process on otter: `p=$(cat '/var/run/heartbeat.pid' 2>/dev/null);");
    }
}
