using Xunit;
using FluentAssertions;
using SanChaos.Labs;
using SanChaos.Labs.Uml;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>
/// Up and down of the embedded lab leave nothing behind, and the reaper removes a run whose owner died. Uses a small
/// two-node topology (management network, crossover cable, serial cable) to keep the host's load down.
/// </summary>
[Trait("Category", "lab")]
[Collection(LabCollection.Name)]
public sealed class UmlLabLifecycleTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Down_leaves_no_namespace_process_device_file_address_or_route()
    {
        var before = await HostNetworkSnapshot.TakeAsync(Ct);
        var (lab, runId, options) = await CreateAsync();
        var groups = new List<int>();
        await using (lab)
        {
            await lab.UpAsync(Ct);
            groups.AddRange(lab.Topology.Nodes.Select(n => lab.ProcessGroupOf(n.Name)!.Value));
            (await lab.Nodes["alpha"].RunAsync("ping -c 1 -W 3 10.9.0.2", ct: Ct)).Should().Contain("1 received");

            // The relay's ptys hang up when its owner goes away. A node whose guest holds its serial port open has
            // the pty as controlling terminal (its UML kernel leads its session): it must survive the hang-up.
            foreach (var node in lab.Topology.Nodes)
                await lab.Nodes[node.Name].RunAsync("setsid nohup cat /dev/ttyS1 >/dev/null 2>&1 </dev/null & sleep 1", ct: Ct);
            lab.SerialRelay!.Dispose();
            foreach (var node in lab.Topology.Nodes)
                (await lab.Nodes[node.Name].RunAsync("hostname", ct: Ct)).Trim().Should().Be(node.Name);
            lab.Topology.Nodes.Should().OnlyContain(n => lab.ProcessGroupOf(n.Name) != null);
            UmlLab.ListRuns(options.RunsDirectory).Should().Contain(r => r.RunId == runId && r.OwnerAlive && r.Phase == "up");
            await lab.DownAsync(Ct);
            lab.IsUp.Should().BeFalse();
        }

        var left = await LabLeftovers.FindAsync(runId, options.RunsDirectory, groups, before, Ct);
        left.Should().BeEmpty();
        UmlLab.ListRuns(options.RunsDirectory).Should().NotContain(r => r.RunId == runId);
    }

    [Fact]
    public async Task The_reaper_removes_a_run_whose_owner_died()
    {
        var before = await HostNetworkSnapshot.TakeAsync(Ct);
        var (lab, runId, options) = await CreateAsync();
        var groups = new List<int>();
        await using (lab)
        {
            await lab.UpAsync(Ct);
            groups.AddRange(lab.Topology.Nodes.Select(n => lab.ProcessGroupOf(n.Name)!.Value));

            // The owner "dies": its recorded process no longer exists (a pid past pid_max, start time 1).
            var state = RunStateStore.Load(options.RunsDirectory, runId)!;
            state.OwnerPid = 4_194_305;
            state.OwnerStartTicks = 1;
            RunStateStore.Save(options.RunsDirectory, state);
            UmlLab.ListRuns(options.RunsDirectory).Single(r => r.RunId == runId).OwnerAlive.Should().BeFalse();

            var removed = await UmlLab.ReapAsync(options.RunsDirectory, Ct);
            foreach (var line in removed) output.WriteLine(line);
            removed.Should().Contain(l => l.Contains("killed node alpha", StringComparison.Ordinal))
                .And.Contain(l => l.Contains($"removed network namespace sanchaos-{runId}", StringComparison.Ordinal));

            var left = await LabLeftovers.FindAsync(runId, options.RunsDirectory, groups, before, Ct);
            left.Should().BeEmpty();
        } // DisposeAsync after the reaper: idempotent, nothing left to remove.
    }

    private static async Task<(IUmlLab Lab, string RunId, UmlLabOptions Options)> CreateAsync()
    {
        var key = await UmlLab.EnsureSshKeyAsync(UmlLab.DefaultSshKeyFile, Ct);
        var runId = "l" + Guid.NewGuid().ToString("N")[..7];
        var topology = new UmlTopology(runId,
            [new("management", "mgmt-switch"), new("crossover")],
            [
                new("alpha", 128, [new("eth0", "52:54:00:09:00:01", "management", "172.16.9.1/24"), new("eth1", "52:54:00:09:01:01", "crossover", "10.9.0.1/24")]),
                new("beta", 128, [new("eth0", "52:54:00:09:00:02", "management", "172.16.9.2/24"), new("eth1", "52:54:00:09:01:02", "crossover", "10.9.0.2/24")], DataDiskMb: 64),
            ],
            "management", "172.16.9.254/24", key, new UmlSerialCable("alpha", "beta"));
        var options = new UmlLabOptions { SshPrivateKeyFile = UmlLab.DefaultSshKeyFile };
        return (UmlLab.Create(topology, options), runId, options);
    }
}
