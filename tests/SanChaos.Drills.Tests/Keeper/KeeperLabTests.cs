using System.Diagnostics;
using FluentAssertions;
using SanChaos.Core;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Labs.State;
using SanChaos.Labs.Uml;
using SanChaos.Session;
using SanChaos.Session.Keeper;
using Xunit;

namespace SanChaos.Drills.Tests.Keeper;

/// <summary>
/// The detached lab on the embedded lab, driven through the real CLI in processes of its own: `lab up --detach` returns
/// with the lab kept by a keeper; `lab status` from another process shows it; this test process attaches to it as the
/// drills do and drives a fault through the keeper; `fault inject` leaves a fault journalled that `lab down` heals before
/// the keeper takes its lab down; a keeper killed with SIGKILL is reported and reaped.
/// </summary>
[Collection(LabCollection.Name)]
[Trait("Category", "lab")]
[Trait("Category", "keeper")]
[Trait("Kind", "keeper-on-lab")]
public sealed class KeeperLabTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Exit, string Out, string Err)> Sanchaos(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Repository.Root(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sanchaos.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(timeout);
        await process.WaitForExitAsync(limit.Token);
        var result = (process.ExitCode, await stdout, await stderr);
        SharedLab.Progress($"sanchaos {string.Join(" ", args)}: exit {result.ExitCode}");
        return result;
    }

    private static async Task<KeeperRecord> UpDetachedAsync()
    {
        // One lab per machine: the lab this process may hold for earlier tests goes first.
        await SharedLab.ReleaseAsync();
        // Another test project's lab may hold the machine's lab lock: the keeper waits for it (up to 45 min).
        var (exit, _, err) = await Sanchaos(TimeSpan.FromMinutes(60), "lab", "up", "--detach");
        exit.Should().Be(0, err);
        err.Should().Contain("The lab is up, kept by PID").And.Contain("steady state");
        var record = KeeperRecord.Read(KeeperPaths.Default);
        record.Should().NotBeNull();
        record!.Alive.Should().BeTrue();
        record.Phase.Should().Be("up");
        return record;
    }

    private static void NothingLeft()
    {
        UmlLab.ListRuns().Should().BeEmpty("lab down leaves no run behind");
        KeeperRecord.Read(KeeperPaths.Default).Should().BeNull();
        File.Exists(KeeperPaths.Default.Socket).Should().BeFalse();
        var namespaces = Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns").Select(Path.GetFileName) : [];
        namespaces.Where(n => n!.StartsWith(UmlTopology.NamespacePrefix, StringComparison.Ordinal) && !n.StartsWith(UmlTopology.TestNamespacePrefix, StringComparison.Ordinal))
            .Should().BeEmpty("the lab's namespace is gone");
    }

    [Fact]
    public async Task A_detached_lab_is_shown_from_another_process_reused_by_this_one_and_healed_and_taken_down_by_lab_down()
    {
        var keeper = await UpDetachedAsync();
        try
        {
            var status = await Sanchaos(TimeSpan.FromMinutes(2), "lab", "status");
            status.Exit.Should().Be(0, status.Err);
            status.Out.Should().Contain($"Lab keeper PID {keeper.Pid}: up").And.Contain("serial cable: plugged, relay running");

            // The drills' way in: the shared lab attaches to the keeper's lab instead of bringing its own up.
            var lab = await SharedLab.GetAsync(Ct);
            lab.Should().BeOfType<AttachedLab>();
            var state = await LabStatus.CollectAsync(lab.Nodes, lab.Inventory, ct: Ct);
            state.Holders.Should().ContainSingle("the attached process sees the kept lab's nodes over SSH: {0}", state);
            var faults = new FaultSet(new RunContext(), lab.Inventory);
            var pull = new FaultCatalog(lab).PullSerialCable();
            await faults.InjectAsync(pull, Ct);
            ((AttachedLab)lab).IsPlugged.Should().BeFalse("the pull went through the keeper's relay");
            await faults.HealAllAsync(Ct);
            ((AttachedLab)lab).IsPlugged.Should().BeTrue();
            await SharedLab.ReleaseAsync();
            KeeperRecord.Read(KeeperPaths.Default)!.Alive.Should().BeTrue("releasing an attached lab leaves it running");

            var inject = await Sanchaos(TimeSpan.FromMinutes(2), "fault", "inject", "cut-cable", "badger", "eth2");
            inject.Exit.Should().Be(0, inject.Err);
            inject.Out.Should().Contain("injected: cut badger eth2");
            var list = await Sanchaos(TimeSpan.FromMinutes(1), "fault", "list");
            list.Out.Should().Contain("cut badger eth2").And.Contain("cut-cable(");
        }
        finally
        {
            var down = await Sanchaos(TimeSpan.FromMinutes(5), "lab", "down");
            down.Exit.Should().Be(0, down.Err);
            down.Err.Should().Contain($"asking the lab keeper PID {keeper.Pid}");
        }

        new FaultJournal(FaultJournal.MachinePath).Read().Should().BeEmpty("lab down healed the journalled cut before the lab went down");
        File.ReadAllText(keeper.Log).Should().Contain("healed cut badger eth2");
        NothingLeft();
    }

    [Fact]
    public async Task A_keeper_killed_with_SIGKILL_is_reported_dead_and_its_lab_reaped_by_lab_down()
    {
        var keeper = await UpDetachedAsync();
        Process.GetProcessById(keeper.Pid).Kill();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        var status = await Sanchaos(TimeSpan.FromMinutes(2), "lab", "status");
        status.Out.Should().Contain($"Lab keeper PID {keeper.Pid}: DIED while up");
        var down = await Sanchaos(TimeSpan.FromMinutes(5), "lab", "down");
        down.Exit.Should().Be(0, down.Err);
        down.Err.Should().Contain($"the lab keeper PID {keeper.Pid} had died");
        NothingLeft();
    }
}
