using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Recovery;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Lab.Tests.Recovery;

[Trait("Category", "unit")]
public sealed class RecoveryTests
{
    private static readonly string[] Portals = ["192.168.1.1:3260", "192.168.2.1:3260"];

    private static BaselineOptions Fast(RunHistory? history = null, List<string>? output = null) => new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        Interval = TimeSpan.FromMilliseconds(5),
        Confirm = TimeSpan.Zero,
        History = history,
        Output = output is null ? null : output.Add,
        SteadyState = new SteadyStateOptions { Interval = TimeSpan.FromMilliseconds(5), RunId = "rec" },
    };

    /// <summary>The split brain recorded on the lab: weasel still holds the group (Primary, IPs, target), both StandAlone.</summary>
    private static FakeLab SplitBrain()
    {
        var lab = FakeLab.Healthy();
        lab.Answer("weasel", "proc_drbd", TestFiles.Sample("proc-drbd-8.4-split-brain-holder.recorded.txt"));
        lab.Answer("otter", "proc_drbd", TestFiles.Sample("proc-drbd-8.4-split-brain-victim.recorded.txt"));
        return lab;
    }

    private static Task<ClusterState> State(FakeLab lab) => LabStatus.CollectAsync(lab.AsNodes, lab.Inventory, ct: TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_split_brain_with_one_holder_discards_the_other_nodes_changes_and_reconnects_the_holder()
    {
        var plan = RecoveryPlanner.Plan(await State(SplitBrain()), Portals);
        plan.Blockers.Should().BeEmpty();
        plan.Repairs.Select(r => (r.Node, r.Command)).Should().BeEquivalentTo([("otter", "drbd_discard_my_data"), ("weasel", "drbd_connect")]);
        plan.Repairs.Single(r => r.Node == "otter").Reason.Should().Contain("split brain").And.Contain("weasel holds the resources");
    }

    [Fact]
    public async Task Heartbeat_books_that_disagree_with_the_one_holder_restart_heartbeat_on_the_node_that_holds_nothing()
    {
        // As recorded after "Heartbeat is killed on the primary" and its heal: weasel holds the group and says none,
        // otter holds nothing and says all.
        var lab = FakeLab.Healthy();
        lab.Answer("weasel", "hb_rscstatus", "none\n");
        lab.Answer("otter", "hb_rscstatus", "all\n");
        var plan = RecoveryPlanner.Plan(await State(lab), Portals);
        plan.Blockers.Should().BeEmpty();
        plan.Repairs.Select(r => (r.Node, r.Command)).Should().Equal(("otter", "hb_restart"));
        plan.Repairs[0].Reason.Should().Contain("weasel holds the group and says rscstatus none").And.Contain("otter holds nothing and says rscstatus all");

        lab.Answer("weasel", "hb_rscstatus", "local\n");
        lab.Answer("otter", "hb_rscstatus", "none\n");
        RecoveryPlanner.Plan(await State(lab), Portals).Repairs.Should().BeEmpty("the books agree again");
    }

    /// <summary>
    /// As recorded on the 7.2-seccomp lab after the both-paths-lost drill: Secondary/Secondary on both, no addresses, otter
    /// (Heartbeat just started) says none, weasel says transition: it had logged "T_STARTING received during takeover".
    /// </summary>
    private static FakeLab StuckTransition()
    {
        var lab = FakeLab.Healthy();
        lab.Storage("otter", "proc-drbd-8.4-otter-connected-secondary-secondary-stuck.recorded.txt", "none", "ip-addr-idle.recorded.txt", target: false);
        lab.Storage("weasel", "proc-drbd-8.4-weasel-connected-secondary-secondary-stuck.recorded.txt", "transition", "ip-addr-idle-weasel.recorded.txt", target: false);
        return lab;
    }

    [Fact]
    public async Task A_transition_with_no_holder_kills_and_starts_heartbeat_on_the_stuck_node_only_after_a_takeovers_time()
    {
        var plan = RecoveryPlanner.Plan(await State(StuckTransition()), Portals);
        plan.Blockers.Should().BeEmpty();
        var repair = plan.Repairs.Should().ContainSingle(r => r.Command == "hb_kill_start").Subject;
        repair.Node.Should().Be("weasel");
        repair.Reason.Should().Be("no node holds the resource group and Heartbeat on weasel says rscstatus transition (others: otter rscstatus none)");
        repair.Confirm.Should().Be(RecoveryPlanner.StuckTransition);
        StuckTransition().Command("weasel", repair.Command).Should().StartWith("systemctl kill --signal=KILL heartbeat;").And.EndWith("systemctl start heartbeat");

        // A transition while the other node holds the group is a takeover under way or a peer rejoining: left alone.
        var lab = FakeLab.Healthy();
        lab.Answer("otter", "hb_rscstatus", "transition\n");
        RecoveryPlanner.Plan(await State(lab), Portals).Repairs.Should().NotContain(r => r.Command == "hb_kill_start");
    }

    [Fact]
    public async Task A_holder_stuck_in_transition_restarts_heartbeat_on_the_node_that_holds_nothing_only_after_a_takeovers_time()
    {
        // As seen in CI after the standby's power cycle: weasel holds everything and says transition, otter says none.
        var lab = FakeLab.Healthy();
        lab.Answer("weasel", "hb_rscstatus", "transition\n");
        lab.Answer("otter", "hb_rscstatus", "none\n");
        var plan = RecoveryPlanner.Plan(await State(lab), Portals);

        plan.Blockers.Should().BeEmpty();
        var repair = plan.Repairs.Should().ContainSingle().Subject;
        (repair.Node, repair.Command).Should().Be(("otter", "hb_restart"));
        repair.Reason.Should().Be("weasel holds the group but its Heartbeat says rscstatus transition; otter holds nothing and says rscstatus none");
        repair.Confirm.Should().Be(RecoveryPlanner.StuckTransition, "a takeover or a rejoin says transition for a while too");
    }

    [Fact]
    public async Task The_baseline_waits_out_a_repairs_own_confirm_time_before_running_it()
    {
        var output = new List<string>();
        var act = () => Baseline.RestoreAsync(StuckTransition().AsNodes, StuckTransition().Inventory,
            Fast(output: output) with { Timeout = TimeSpan.FromMilliseconds(300) }, TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<SanChaosException>()).Which.Message.Should().Contain("Repairs tried: none");
        output.Should().NotContain(l => l.Contains("hb_kill_start"), "90 s of transition had not passed");
    }

    [Fact]
    public async Task Two_holders_are_a_blocker_and_no_node_is_chosen_to_lose_its_data()
    {
        var lab = SplitBrain();
        lab.Storage("otter", "proc-drbd-8.4-split-brain-holder.recorded.txt", "local", "ip-addr-holder.recorded.txt", target: true);
        var plan = RecoveryPlanner.Plan(await State(lab), Portals);
        plan.Repairs.Should().BeEmpty();
        plan.Blockers.Should().HaveCount(2).And.OnlyContain(b => b.Contains("no safe choice") && b.Contains("otter and weasel"));
    }

    [Fact]
    public async Task A_stopped_heartbeat_a_lost_session_and_a_dead_multipathd_are_repaired_and_a_down_node_is_only_reported()
    {
        var lab = FakeLab.Healthy();
        lab.Answer("otter", "hb_status", "Heartbeat is stopped on this machine.\n", exit: 1);
        var onlyA = TestFiles.Sample("iscsiadm-session-P1-one-failed.from-docs.txt").Split("\tCurrent Portal: 192.168.2.1")[0];
        lab.Answer("badger", "iscsi_sessions_detail", onlyA);
        lab.Answer("badger", "multipath_paths", "", exit: 1);
        var plan = RecoveryPlanner.Plan(await State(lab), Portals);
        plan.Repairs.Select(r => r.ToString()).Should().Contain(s => s.StartsWith("otter: hb_start", StringComparison.Ordinal));
        plan.Repairs.Should().ContainSingle(r => r.Command == "iscsi_login_once").Which.Portal.Should().Be("192.168.2.1:3260");
        plan.Repairs.Should().ContainSingle(r => r.Command == "multipathd_ensure" && r.Node == "badger");

        lab.Nodes["weasel"].Unreachable = true;
        var down = RecoveryPlanner.Plan(await State(lab), Portals);
        down.Blockers.Should().ContainSingle(b => b.StartsWith("weasel is unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_runs_the_repairs_records_them_and_returns_once_steady()
    {
        var lab = SplitBrain();
        var discard = lab.Command("otter", "drbd_discard_my_data");
        var connect = lab.Command("weasel", "drbd_connect");
        lab.Nodes["otter"].Handlers.Add(cmd => cmd == discard ? Healed(lab) : null);
        lab.Nodes["weasel"].Handlers.Add(cmd => cmd == connect ? FakeNode.Ok() : null);
        var history = new RunHistory(TimeProvider.System);
        var output = new List<string>();

        var done = await Baseline.RestoreAsync(lab.AsNodes, lab.Inventory, Fast(history, output), TestContext.Current.CancellationToken);

        done.Select(d => d.Repair.Command).Should().BeEquivalentTo(["drbd_discard_my_data", "drbd_connect"]);
        lab.Nodes["otter"].Executed.Should().Contain(discard);
        history.Events.Where(e => e.Kind == EventKinds.Recovery).Should().HaveCount(2)
            .And.Contain(e => e.Source == "otter" && e.Data!["command"] == "drbd_discard_my_data");
        output.Should().Contain(l => l.StartsWith("recovery: otter: drbd_discard_my_data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_repair_says_what_was_wrong_since_when_what_was_done_and_whose_doing_it_was_with_the_state_before_it()
    {
        var lab = SplitBrain();
        var discard = lab.Command("otter", "drbd_discard_my_data");
        lab.Nodes["otter"].Handlers.Add(cmd => cmd == discard ? Healed(lab) : null);
        lab.Nodes["weasel"].Handlers.Add(cmd => cmd == lab.Command("weasel", "drbd_connect") ? FakeNode.Ok() : null);
        var history = new RunHistory(TimeProvider.System);
        var seen = new List<RepairRecord>();

        await Baseline.RestoreAsync(lab.AsNodes, lab.Inventory, Fast(history) with { Phase = "end", OnRepair = seen.Add }, TestContext.Current.CancellationToken);

        var e = history.Events.Single(x => x.Kind == EventKinds.Recovery && x.Source == "otter");
        e.Kind.Should().Be("recovery.repair");
        e.Data.Should().Contain("kind", "drbd-split-brain-victim").And.Contain("class", "sut").And.Contain("checker", "split-brain")
            .And.Contain("phase", "end").And.Contain("done", "drbd_discard_my_data -> exit 0");
        e.Data["reason"].Should().Contain("split brain");
        DateTimeOffset.Parse(e.Data["since"], System.Globalization.CultureInfo.InvariantCulture).Should().BeOnOrBefore(e.Wall);
        double.Parse(e.Data["wrong_for_s"], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(0);
        var otter = seen.Single(r => r.Repair.Node == "otter");
        otter.WrongFor.Should().NotBeNull();
        otter.Before!.StorageNodes.Single(n => n.Name == "otter").Drbd!.ConnectionState.Should().Be("StandAlone", "the lab as it was before the repair");
    }

    [Fact]
    public void Every_repair_kind_is_a_SUT_behaviour_with_its_checker_or_a_lab_artifact_with_its_cause()
    {
        RepairKinds.All.Select(k => k.Name).Should().OnlyHaveUniqueItems();
        foreach (var k in RepairKinds.All)
        {
            k.Source.Should().NotBeNullOrWhiteSpace(k.Name);
            if (k.Class == RepairClass.SutBehaviour) k.Checker.Should().BeOneOf(["baseline-audit", "split-brain"], k.Name);
            else k.Checker.Should().BeNull(k.Name);
        }

        // The planted defect: a repair the planner did not classify is never taken for a behaviour of the SAN.
        var unknown = RepairKinds.Of(new Repair("otter", "drbd_connect", "DRBD StandAlone"));
        unknown.Class.Should().Be(RepairClass.LabArtifact);
        unknown.Checker.Should().BeNull();
        unknown.Source.Should().Contain("drbd_connect").And.Contain("RepairKinds");
    }

    [Fact]
    public async Task Every_repair_the_planner_proposes_has_a_known_kind()
    {
        var split = RecoveryPlanner.Plan(await State(SplitBrain()), Portals);
        var books = FakeLab.Healthy();
        books.Answer("weasel", "hb_rscstatus", "none\n");
        books.Answer("otter", "hb_rscstatus", "all\n");
        var plans = new[] { split, RecoveryPlanner.Plan(await State(books), Portals), RecoveryPlanner.Plan(await State(StuckTransition()), Portals) };

        var repairs = plans.SelectMany(p => p.Repairs).ToArray();
        repairs.Should().NotBeEmpty();
        repairs.Should().OnlyContain(r => RepairKinds.All.Any(k => k.Name == r.Kind), "every repair is classified");
    }

    private static Core.Commands.CommandResult Healed(FakeLab lab)
    {
        lab.Answer("weasel", "proc_drbd", TestFiles.Sample("proc-drbd-8.4-weasel-connected-primary-secondary.recorded.txt"));
        lab.Answer("otter", "proc_drbd", TestFiles.Sample("proc-drbd-8.4-otter-connected-secondary-primary.recorded.txt"));
        return FakeNode.Ok();
    }

    [Fact]
    public async Task A_blocked_lab_times_out_with_the_state_the_tries_and_the_blockers()
    {
        var lab = SplitBrain();
        lab.Storage("otter", "proc-drbd-8.4-split-brain-holder.recorded.txt", "local", "ip-addr-holder.recorded.txt", target: true);
        var act = () => Baseline.RestoreAsync(lab.AsNodes, lab.Inventory, Fast() with { Timeout = TimeSpan.FromMilliseconds(300) }, TestContext.Current.CancellationToken);
        var e = (await act.Should().ThrowAsync<SanChaosException>()).Which;
        e.Problem.Should().Contain("did not return to steady state").And.Contain("Repairs tried: none").And.Contain("no safe choice")
            .And.Contain("SPLIT BRAIN: otter and weasel both hold resources");
        e.Remedy.Should().Contain("sanchaos lab down");
        lab.Nodes["otter"].Executed.Should().NotContain(c => c.Contains("discard-my-data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repair_that_keeps_failing_is_tried_at_most_max_attempts_times()
    {
        var lab = SplitBrain();
        var discard = lab.Command("otter", "drbd_discard_my_data");
        lab.Nodes["otter"].Handlers.Add(cmd => cmd == discard ? FakeNode.Fail(10, "State change failed: (-10) State change was refused by peer node") : null);
        var act = () => Baseline.RestoreAsync(lab.AsNodes, lab.Inventory, Fast() with { Timeout = TimeSpan.FromMilliseconds(400) }, TestContext.Current.CancellationToken);
        var e = (await act.Should().ThrowAsync<SanChaosException>()).Which;
        lab.Nodes["otter"].Executed.Count(c => c == discard).Should().Be(2);
        e.Problem.Should().Contain("drbd_discard_my_data").And.Contain("exit 10").And.Contain("refused by peer");
    }

    [Fact]
    public async Task A_lab_not_marked_disposable_is_never_repaired()
    {
        var lab = SplitBrain();
        var notDisposable = lab.Inventory with { Disposable = false };
        var act = () => Baseline.RestoreAsync(lab.AsNodes, notDisposable, Fast() with { Timeout = TimeSpan.FromMilliseconds(200) }, TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<SanChaosException>()).Which.Problem.Should().Contain("not disposable");
        lab.Nodes.Values.SelectMany(n => n.Executed).Should().NotContain(c => c.Contains("drbdadm connect", StringComparison.Ordinal));
    }
}
