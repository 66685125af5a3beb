using System.Collections.Concurrent;
using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;
using Xunit;

namespace SanChaos.Lab.Tests.Provisioning;

[Trait("Category", "unit")]
public sealed class ProvisionerTests
{
    private static readonly ProvisionerOptions Fast = new()
    {
        Interval = TimeSpan.FromMilliseconds(2),
        DrbdConnectTimeout = TimeSpan.FromSeconds(2),
        DrbdSyncTimeout = TimeSpan.FromSeconds(2),
        MembershipTimeout = TimeSpan.FromSeconds(2),
        ResourceStartTimeout = TimeSpan.FromSeconds(2),
        LoginTimeout = TimeSpan.FromSeconds(2),
        MultipathTimeout = TimeSpan.FromSeconds(2),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (Provisioner P, ConcurrentQueue<StepEvent> Events) Make(SanSimulator sim, ProvisionerOptions? o = null) =>
        (new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes, o ?? Fast), new ConcurrentQueue<StepEvent>());

    private static string[] Executed(SanSimulator sim) => sim.Lab.Nodes.Values.SelectMany(n => n.Executed).ToArray();

    private static void ClearExecuted(SanSimulator sim)
    {
        foreach (var n in sim.Lab.Nodes.Values) n.Executed.Clear();
    }

    [Fact]
    public void The_plan_runs_in_the_order_the_san_needs()
    {
        var sim = new SanSimulator();
        var plan = new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes, Fast).Plan();
        plan.Select(s => $"{s.Track}: {s.Name}").Should().Equal("storage: configuration files", "storage: kernel modules", "storage: DRBD meta data",
            "storage: DRBD up", "storage: DRBD connected", "storage: DRBD initial sync source", "storage: DRBD in sync", "storage: LVM volume",
            "storage: Heartbeat start", "storage: Heartbeat membership", "storage: resource group",
            "client: client configuration files", "client: client kernel modules", "client: iscsid", "client: iSCSI node records",
            "client: iSCSI login", "client: LUN WWID", "client: multipath");
        plan.Where(s => s.After.Count > 0).Select(s => $"{s.Name} after {string.Join(",", s.After)}").Should().Equal("iSCSI login after storage");
        plan[0].Steps.Select(s => s.Where).Should().Equal("otter", "weasel");
        plan[11].Steps.Single().Files.Select(f => f.Path).Should().Contain("/etc/multipath.conf");
        plan[2].Steps[0].SkipIf.Should().Be(sim.Lab.Command("otter", "drbd_attached"));
        plan[5].Steps.Single().Where.Should().Be("weasel");
        plan[5].Steps.Single().Commands.Should().Equal("drbdadm primary --force r0");
        plan[7].Steps.Single().Commands.Should().Equal("drbdadm primary r0", "pvs /dev/drbd0 >/dev/null 2>&1 || pvcreate -y /dev/drbd0",
            "vgs storage >/dev/null 2>&1 || vgcreate storage /dev/drbd0", "lvs storage/test >/dev/null 2>&1 || lvcreate -y -Wy -L 128M -n test storage",
            "vgchange -a n storage", "drbdadm secondary r0");
        plan[14].Steps.Single().Commands.Should().Contain(
            "iscsiadm -m node -T iqn.2009-02.com.example:test -p 192.168.2.1:3260 -o update -n 'node.session.timeo.replacement_timeout' -v '15'");
        plan[15].Steps.Single().Commands.Should().HaveCount(2).And.OnlyContain(c => c.Contains("--login", StringComparison.Ordinal));
        plan[10].Steps.Single().Wait!.Timeout.Should().Be(TimeSpan.FromSeconds(2));
        new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes).Plan()[9].Steps.Single().Wait!.Timeout.Should().Be(TimeSpan.FromSeconds(90), "initdead 60 s + 30 s");
        plan[7].Steps.Single().ToString().Should().Contain("$ vgchange -a n storage");
        new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes, Fast with { DrbdDisksAreBlank = true }).Plan()[5].Steps.Single().Commands
            .Should().Equal("drbdadm -- --clear-bitmap new-current-uuid r0");
    }

    [Fact]
    public async Task Blank_disks_skip_the_initial_sync_once_and_a_second_run_leaves_drbd_alone()
    {
        var sim = new SanSimulator();
        var blank = Fast with { DrbdDisksAreBlank = true };
        var (p, events) = Make(sim, blank);
        await p.RunAsync(events.Enqueue, Ct);

        sim.SkippedInitialSyncs.Should().Be(1);
        sim.ForcedPrimaries.Should().Be(0, "no node had to become a full sync's source");
        sim.Holder.Should().Be("weasel");
        events.Single(e => e.Stage == "DRBD in sync" && e.Kind == StepEventKind.Completed).Detail.Should().Contain("ds:UpToDate/UpToDate");

        ClearExecuted(sim);
        var (again, events2) = Make(sim, blank);
        await again.RunAsync(events2.Enqueue, Ct);
        sim.SkippedInitialSyncs.Should().Be(1);
        Executed(sim).Should().NotContain(c => c.Contains("new-current-uuid", StringComparison.Ordinal));
        events2.Where(e => e.Stage == "DRBD initial sync source").Select(e => e.Kind).Should().Equal(StepEventKind.Started, StepEventKind.Skipped);
    }

    [Fact]
    public async Task The_storage_nodes_provision_while_the_client_boots_and_the_client_logs_in_only_after_the_group_runs()
    {
        var sim = new SanSimulator();
        var badgerUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new ConcurrentQueue<StepEvent>();
        void Progress(StepEvent e)
        {
            events.Enqueue(e);
            // The client finishes booting only once the storage nodes are well on their way.
            if (e is { Stage: "Heartbeat start", Kind: StepEventKind.Started }) badgerUp.TrySetResult();
        }

        var p = new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes, Fast with
        {
            NodeReady = (node, ct) => node == "badger" ? badgerUp.Task.WaitAsync(ct) : Task.CompletedTask,
        });
        var report = await p.RunAsync(Progress, Ct);

        var order = events.Select(e => $"{e.Kind} {e.Node} {e.Stage}").ToList();
        order.IndexOf("Started badger client configuration files").Should().BeGreaterThan(order.IndexOf("Started otter Heartbeat start"),
            "nothing ran on badger before it was ready");
        order.IndexOf("Started otter DRBD meta data").Should().BeLessThan(order.IndexOf("Started badger client configuration files"),
            "the storage track did not wait for badger");
        order.IndexOf("Started badger iSCSI login").Should().BeGreaterThan(order.IndexOf("Completed cluster resource group"));
        report.PhaseDurations.Keys.Should().Contain(ProvisionPhase.ClientPrepare);
        sim.Sessions.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_failure_on_the_storage_track_cancels_the_client_track_and_is_the_error_reported()
    {
        var sim = new SanSimulator { FailDrbdUp = true };
        var events = new ConcurrentQueue<StepEvent>();
        var p = new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes, Fast with
        {
            NodeReady = (node, ct) => node == "badger" ? Task.Delay(Timeout.Infinite, ct) : Task.CompletedTask,
        });

        var e = (await ((Func<Task>)(() => p.RunAsync(events.Enqueue, Ct))).Should().ThrowAsync<CommandFailedException>()).Which;

        e.Command.Should().Be("drbdadm up r0");
        sim.Lab.Nodes["badger"].Executed.Should().BeEmpty();
    }

    [Fact]
    public async Task A_client_step_stopped_by_a_storage_failure_is_reported_as_cancelled_not_failed()
    {
        var sim = new SanSimulator { FailDrbdUp = true };
        // The client track can never get past iscsid on its own: whatever it runs when DRBD fails is cancelled.
        sim.Lab.Nodes["badger"].Hangs[sim.Lab.Command("badger", "iscsid_running")] = true;
        var events = new ConcurrentQueue<StepEvent>();

        var act = () => new Provisioner(sim.Lab.Inventory, sim.Lab.AsNodes, Fast).RunAsync(events.Enqueue, Ct);

        (await act.Should().ThrowAsync<CommandFailedException>()).Which.Command.Should().Be("drbdadm up r0");
        events.Where(e => e.Kind == StepEventKind.Failed).Select(e => e.Node).Should().BeEquivalentTo("otter", "weasel");
        events.Should().ContainSingle(e => e.Kind == StepEventKind.Cancelled).Which.Should().Match<StepEvent>(
            e => e.Node == "badger" && e.Detail == "stopped: a step of another track failed");
    }

    [Fact]
    public async Task A_fresh_lab_is_provisioned_to_a_multipath_map_with_both_paths_and_every_phase_timed()
    {
        var sim = new SanSimulator();
        var (p, events) = Make(sim);
        var report = await p.RunAsync(events.Enqueue, Ct);

        sim.MetaDataCreated.Should().Be(2);
        sim.ForcedPrimaries.Should().Be(1);
        sim.VolumesCreated.Should().Be(1);
        sim.Holder.Should().Be("weasel");
        sim.Sessions.Should().BeEquivalentTo("192.168.1.1:3260", "192.168.2.1:3260");
        report.Wwid.Should().Be("36001405acae000000000000000000000");
        report.Notes.Should().BeEmpty();
        report.PhaseDurations.Keys.Should().Equal(Enum.GetValues<ProvisionPhase>());
        report.Steps.Should().NotContain(s => s.Skipped && s.Phase == ProvisionPhase.Lvm);
        events.Count(e => e.Kind == StepEventKind.Started).Should().Be(events.Count(e => e.Kind is StepEventKind.Completed or StepEventKind.Skipped));
        events.Should().NotContain(e => e.Kind == StepEventKind.Failed);
        events.Last().Step.Should().Be("start (or reconfigure) multipathd");
        events.Last().Detail.Should().Be("mpio: sda active/ready, sdb active/ready (2/2 active)");
        report.ToTable().Should().Contain("ResourceStart").And.Contain("total");

        sim.Lab.Nodes["otter"].Uploads["/etc/ha.d/authkeys"].Mode.Should().Be("0600");
        sim.Lab.Nodes["badger"].Uploads.Keys.Should().Contain("/etc/multipath.conf");
    }

    [Fact]
    public async Task Running_it_again_destroys_nothing_and_starts_nothing_twice()
    {
        var sim = new SanSimulator();
        await Make(sim).P.RunAsync(ct: Ct);
        ClearExecuted(sim);

        var (p, events) = Make(sim);
        await p.RunAsync(events.Enqueue, Ct);

        sim.MetaDataCreated.Should().Be(2);
        sim.ForcedPrimaries.Should().Be(1);
        sim.VolumesCreated.Should().Be(1);
        Executed(sim).Should().NotContain(c => c.Contains("create-md", StringComparison.Ordinal) || c.Contains("--force", StringComparison.Ordinal)
            || c.Contains("pvcreate", StringComparison.Ordinal) || c.Contains("vgchange", StringComparison.Ordinal)
            || c.Contains("drbdadm up", StringComparison.Ordinal) || c.Contains("drbdadm secondary", StringComparison.Ordinal)
            || c.Contains("systemctl start heartbeat", StringComparison.Ordinal) || c.Contains("systemctl start iscsid", StringComparison.Ordinal));
        events.Where(e => e.Kind == StepEventKind.Skipped).Select(e => $"{e.Node} {e.Stage}").Should().BeEquivalentTo(
            "otter DRBD meta data", "weasel DRBD meta data", "otter DRBD up", "weasel DRBD up", "weasel DRBD initial sync source",
            "weasel LVM volume", "otter Heartbeat start", "weasel Heartbeat start", "badger iscsid");
        events.Single(e => e.Stage == "LVM volume" && e.Kind == StepEventKind.Skipped).Detail.Should().Contain("heartbeat runs on otter");
        sim.MultipathdReconfigured.Should().Be(1, "multipathd already ran, so it re-reads multipath.conf instead");
    }

    [Fact]
    public async Task A_power_cycled_node_is_brought_back_without_touching_the_holder()
    {
        var sim = new SanSimulator();
        await Make(sim).P.RunAsync(ct: Ct);
        sim.PowerCycle("weasel");
        sim.Holder.Should().Be("otter");
        ClearExecuted(sim);

        var (p, events) = Make(sim);
        await p.RunAsync(events.Enqueue, Ct);

        sim.Lab.Nodes["weasel"].Executed.Should().Contain("drbdadm up r0").And.Contain(c => c.Contains("systemctl start heartbeat", StringComparison.Ordinal));
        sim.MetaDataCreated.Should().Be(2, "weasel's disk still carries its meta data");
        Executed(sim).Should().NotContain(c => c.Contains("pvcreate", StringComparison.Ordinal) || c.Contains("primary --force", StringComparison.Ordinal));
        sim.Holder.Should().Be("otter", "auto_failback is off");
        events.Single(e => e.Stage == "resource group" && e.Kind == StepEventKind.Completed).Detail.Should().StartWith("group on otter.");
    }

    [Fact]
    public async Task A_wwid_other_than_computed_is_read_on_the_client_and_written_into_multipath_conf()
    {
        var sim = new SanSimulator { ReportedWwid = "36001405deadbeef0000000000000000a" };
        var (p, events) = Make(sim);
        var report = await p.RunAsync(events.Enqueue, Ct);

        report.Wwid.Should().Be("36001405deadbeef0000000000000000a");
        report.Notes.Should().ContainSingle().Which.Should().Contain("badger reports WWID 36001405deadbeef0000000000000000a, computed 36001405acae000000000000000000000");
        sim.Lab.Nodes["badger"].Uploads["/etc/multipath.conf"].Content.Should().Contain("wwid                36001405deadbeef0000000000000000a");
        events.Last().Detail.Should().StartWith("mpio:");
    }

    [Fact]
    public async Task A_failing_command_names_node_command_exit_output_and_a_remedy_for_the_step()
    {
        var sim = new SanSimulator { FailDrbdUp = true };
        var (p, events) = Make(sim);
        var e = (await ((Func<Task>)(() => p.RunAsync(events.Enqueue, Ct))).Should().ThrowAsync<CommandFailedException>()).Which;
        e.Where.Should().Be("otter");
        e.Command.Should().Be("drbdadm up r0");
        e.Result.ExitCode.Should().Be(10);
        e.Message.Should().Contain("Lower device is already claimed").And.Contain("What to do:").And.Contain("drbdadm dump r0");
        events.Where(x => x.Kind == StepEventKind.Failed).Select(x => x.Node).Should().BeEquivalentTo("otter", "weasel");
        events.Should().NotContain(x => x.Stage == "DRBD connected", "provisioning stops after the failed stage");
    }

    [Fact]
    public async Task A_wait_that_never_holds_names_the_condition_and_the_last_observation()
    {
        var sim = new SanSimulator { NeverConnect = true };
        var e = (await ((Func<Task>)(() => Make(sim).P.RunAsync(ct: Ct))).Should().ThrowAsync<WaitTimeoutException>()).Which;
        e.Condition.Should().Be("DRBD r0 connected on otter and weasel");
        e.LastSeen.Should().Contain("otter cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        e.Remedy.Should().Contain("WFConnection: the replication link or the peer is down");
    }

    [Fact]
    public async Task Every_node_must_be_reachable_before_anything_is_touched()
    {
        var sim = new SanSimulator();
        var nodes = sim.Lab.AsNodes.Where(kv => kv.Key != "badger").ToDictionary();
        var act = () => new Provisioner(sim.Lab.Inventory, nodes, Fast).RunAsync(ct: Ct);
        (await act.Should().ThrowAsync<SanChaosException>()).Which.Problem.Should().Be("Cannot provision lab embedded: no connection to badger.");
        Executed(sim).Should().BeEmpty();
    }

    [Fact]
    public void A_tgt_lab_is_planned_with_its_own_modules_script_and_files()
    {
        var lab = new FakeLab(TestFiles.EmbeddedWith("implementation: lio", "implementation: tgt"));
        var plan = new Provisioner(lab.Inventory, lab.AsNodes).Plan();
        var modules = plan.Single(s => s.Name == "kernel modules").Steps;
        modules.Should().AllSatisfy(s => s.Name.Should().Be("load DRBD and dm modules, mount configfs"));
        modules[0].Commands.Should().Equal("for m in drbd dm_mod; do modprobe $m || exit 1; done; " +
            "grep -q ' /sys/kernel/config configfs ' /proc/mounts || mount -t configfs configfs /sys/kernel/config");
        plan.Single(s => s.Name == "configuration files").Steps[0].Files.Select(f => f.Path)
            .Should().Contain(["/etc/ha.d/resource.d/tgt-target", "/etc/tgt/conf.d/sanchaos.conf"]).And.NotContain(p => p.Contains("lio", StringComparison.Ordinal));
        plan.Single(s => s.Name == "iSCSI login").Steps[0].Remedy.Should().Contain("`tgtadm --lld iscsi --mode portal --op show`");
    }
}
