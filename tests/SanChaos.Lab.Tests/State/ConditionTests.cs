using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Lab.Tests.State;

[Trait("Category", "unit")]
public sealed class ConditionTests
{
    private static readonly SteadyStateOptions Fast = new() { Interval = TimeSpan.FromMilliseconds(5), RunId = "t1", Seed = 7 };

    private static ProbeContext Ctx(FakeLab lab) => new(lab.Inventory, lab.AsNodes, CommandCatalog.Default, TimeSpan.FromSeconds(5));

    private static Task<Probe> Check(ISteadyStateCondition c) => c.CheckAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_healthy_lab_satisfies_every_condition()
    {
        var lab = FakeLab.Healthy();
        var results = await SteadyState.CheckAsync(lab.AsNodes, lab.Inventory, Fast, TestContext.Current.CancellationToken);
        results.Should().HaveCount(5);
        results.Should().OnlyContain(r => r.Probe.Satisfied, string.Join("\n", results.Select(r => $"{r.Condition}: {r.Probe.Observed}")));
        results[1].Probe.Observed.Should().StartWith("group on weasel.");
        results[3].Probe.Observed.Should().Be("mpio: sda active/ready, sdb active/ready (2/2 active)");
        results[4].Probe.Observed.Should().Contain("marker run=t1 seq=1").And.Contain("matches");
    }

    [Fact]
    public async Task Drbd_standalone_is_not_steady_and_says_so()
    {
        var lab = FakeLab.Healthy().Answer("otter", "proc_drbd", TestFiles.Sample("proc-drbd-8.4-standalone-primary.from-docs.txt"));
        var p = await Check(new DrbdCondition(Ctx(lab), DrbdExpectation.ConnectedUpToDate));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().Contain("otter cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown").And.Contain("weasel cs:Connected");
    }

    [Fact]
    public async Task Drbd_resync_counts_as_connected_but_not_as_steady()
    {
        // otter, the new owner, resyncing weasel after weasel came back from its power loss.
        var lab = FakeLab.Healthy().Answer("otter", "proc_drbd", TestFiles.Sample("proc-drbd-8.4-otter-syncsource-primary-secondary.recorded.txt"));
        (await Check(new DrbdCondition(Ctx(lab), DrbdExpectation.Connected))).Satisfied.Should().BeTrue();
        var p = await Check(new DrbdCondition(Ctx(lab), DrbdExpectation.ConnectedUpToDate));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().Contain("otter cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent sync'ed:50%");
    }

    [Fact]
    public async Task Both_nodes_holding_resources_is_a_visible_split_brain()
    {
        var lab = FakeLab.Healthy();
        lab.Storage("otter", "proc-drbd-8.4-standalone-primary.from-docs.txt", "all", "ip-addr-holder.recorded.txt", target: true);
        lab.Storage("weasel", "proc-drbd-8.4-standalone-primary.from-docs.txt", "all", "ip-addr-holder.recorded.txt", target: true);
        var p = await Check(new ResourceGroupCondition(Ctx(lab)));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().StartWith("split brain: otter and weasel both hold resources.");
    }

    [Fact]
    public async Task Nobody_holding_the_group_or_a_partial_group_is_not_steady()
    {
        var lab = FakeLab.Healthy();
        // /proc/drbd names no node: otter's recorded Secondary/Primary line stands for weasel's.
        lab.Storage("weasel", "proc-drbd-8.4-otter-connected-secondary-primary.recorded.txt", "none", "ip-addr-idle.recorded.txt", target: false);
        (await Check(new ResourceGroupCondition(Ctx(lab)))).Observed.Should().StartWith("no node holds the group.");

        lab.Storage("weasel", "proc-drbd-8.4-weasel-connected-primary-secondary.recorded.txt", "local", "ip-addr-holder.recorded.txt", target: false);
        var p = await Check(new ResourceGroupCondition(Ctx(lab)));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().StartWith("group on weasel but target not running on weasel.");
    }

    [Fact]
    public async Task Rscstatus_is_cross_checked_against_what_the_nodes_hold()
    {
        // otter (not preferred) took the group over and weasel came back: otter says foreign; weasel (preferred) must
        // then say none. /proc/drbd names no node: otter's recorded Secondary/Primary line stands for weasel's.
        var lab = FakeLab.Healthy();
        lab.Storage("otter", "proc-drbd-8.4-otter-connected-primary-secondary.recorded.txt", "foreign", "ip-addr-holder.recorded.txt", target: true);
        lab.Storage("weasel", "proc-drbd-8.4-otter-connected-secondary-primary.recorded.txt", "none", "ip-addr-idle.recorded.txt", target: false);
        (await Check(new ResourceGroupCondition(Ctx(lab)))).Satisfied.Should().BeTrue();

        lab.Answer("weasel", "hb_rscstatus", "local\n");
        var p = await Check(new ResourceGroupCondition(Ctx(lab)));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().Contain("weasel rscstatus is local although it holds nothing");
    }

    [Fact]
    public async Task Heartbeat_down_or_a_node_unreachable_is_not_steady()
    {
        var lab = FakeLab.Healthy().Answer("otter", "hb_status", "Heartbeat is stopped on this machine.\n", exit: 2);
        (await Check(new ResourceGroupCondition(Ctx(lab)))).Observed.Should().StartWith("heartbeat not running on otter.");
        lab.Nodes["otter"].Unreachable = true;
        (await Check(new ResourceGroupCondition(Ctx(lab)))).Observed.Should().StartWith("otter unreachable.");
    }

    [Fact]
    public async Task One_faulty_path_is_not_steady()
    {
        var lab = FakeLab.Healthy().Answer("badger", "multipath_paths", TestFiles.Sample("multipathd-paths-raw-one-faulty.from-docs.txt"));
        var p = await Check(new MultipathPathsCondition(Ctx(lab), "badger"));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().Be("mpio: sda active/ready, sdb failed/faulty (1/2 active)");
    }

    /// <summary>
    /// badger at the instants recorded around the power loss of weasel: 17 s after the cut both sessions are FAILED
    /// but multipathd has not noticed yet and still has both paths active/ready; at 22 s the sessions are
    /// FREE and the paths failed; while logging back in to otter one connection still waits and dm keeps both failed.
    /// </summary>
    [Theory]
    [InlineData("two-active", "192.168.1.1:3260 LOGGED_IN/LOGGED IN; 192.168.2.1:3260 LOGGED_IN/LOGGED IN", true,
        "mpio: sda active/ready, sdb active/ready (2/2 active)", true)]
    [InlineData("both-failed-transport-wait", "192.168.1.1:3260 FAILED/TRANSPORT WAIT; 192.168.2.1:3260 FAILED/TRANSPORT WAIT", false,
        "mpio: sda active/ready, sdb active/ready (2/2 active)", true)]
    [InlineData("both-free-failed", "192.168.1.1:3260 FREE/TRANSPORT WAIT; 192.168.2.1:3260 FREE/TRANSPORT WAIT", false,
        "mpio: sda failed/faulty, sdb failed/faulty (0/2 active)", false)]
    [InlineData("reinstating", "192.168.1.1:3260 LOGGED_IN/TRANSPORT WAIT; 192.168.2.1:3260 LOGGED_IN/LOGGED IN", false,
        "mpio: sda failed/faulty, sdb failed/faulty (0/2 active)", false)]
    public async Task Sessions_and_paths_of_the_client_through_the_power_loss_of_the_primary(
        string instant, string sessions, bool loggedIn, string paths, bool pathsActive)
    {
        var lab = FakeLab.Healthy().Client("badger", instant);
        (await Check(new IscsiLoggedInCondition(Ctx(lab), "badger"))).Should().Be(loggedIn ? Probe.Yes(sessions) : Probe.No(sessions));
        (await Check(new MultipathPathsCondition(Ctx(lab), "badger"))).Should().Be(pathsActive ? Probe.Yes(paths) : Probe.No(paths));
    }

    [Fact]
    public async Task Multipathd_not_running_is_reported_with_its_message()
    {
        var lab = FakeLab.Healthy();
        lab.Nodes["badger"].Answers[lab.Command("badger", "multipath_paths")] = new(1, "", "can't connect to the multipathd socket\n");
        (await Check(new MultipathPathsCondition(Ctx(lab), "badger"))).Observed.Should().Be("multipathd cannot list paths (exit 1): can't connect to the multipathd socket");
    }

    [Fact]
    public async Task A_floating_ip_that_does_not_answer_is_named_with_its_interface()
    {
        var lab = FakeLab.Healthy().Answer("badger", "ping_from", "", exit: 1, with: v => v.With("interface", "eth2").With("address", "192.168.2.1"));
        var p = await Check(new FloatingIpsReachableCondition(Ctx(lab), "badger"));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().Be("192.168.1.1 via eth1 answers; 192.168.2.1 via eth2 no answer (exit 1): up on weasel eth3; " +
                               "badger's ARP cache unreadable (exit 127)");
    }

    [Fact]
    public async Task A_floating_ip_that_does_not_answer_is_explained_by_its_holders_and_the_clients_arp_entry()
    {
        var lab = FakeLab.Healthy().Answer("badger", "ping_from", "", exit: 1, with: v => v.With("interface", "eth2").With("address", "192.168.2.1"))
            .Answer("badger", "neigh_show", TestFiles.Sample("ip-neigh-show-192.168.2.1-reachable.recorded.txt"),
                with: v => v.With("interface", "eth2").With("address", "192.168.2.1"));
        var p = await Check(new FloatingIpsReachableCondition(Ctx(lab), "badger"));
        p.Observed.Should().EndWith("192.168.2.1 via eth2 no answer (exit 1): up on weasel eth3; badger's ARP entry: 192.168.2.1 lladdr 52:54:00:02:03:01 REACHABLE");

        // Both storage nodes with the address (the holder's recording on otter too): a duplicate, said as such.
        lab.Answer("otter", "ip_addresses", TestFiles.Sample("ip-addr-holder.recorded.txt"));
        (await Check(new FloatingIpsReachableCondition(Ctx(lab), "badger"))).Observed.Should().Contain("up on 2 nodes (otter eth3, weasel eth3)");
    }

    [Fact]
    public async Task A_block_that_reads_back_different_is_not_steady()
    {
        var lab = FakeLab.Healthy();
        lab.Nodes["badger"].Handlers.Clear();
        lab.BlockDevice("badger", corrupt: s => s.Replace("seq=1", "seq=0", StringComparison.Ordinal));
        var p = await Check(new WriteReadBackCondition(Ctx(lab), "badger", "t1", 7));
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().MatchRegex("wrote sha256 [0-9a-f]{64}, read back [0-9a-f]{64}$");
    }

    [Fact]
    public async Task The_probe_block_is_4_KiB_with_the_run_marker_and_reproducible_from_the_seed()
    {
        var a = FakeLab.Healthy();
        var b = FakeLab.Healthy();
        await Check(new WriteReadBackCondition(Ctx(a), "badger", "run42", 3));
        await Check(new WriteReadBackCondition(Ctx(b), "badger", "run42", 3));
        var block = a.Nodes["badger"].Uploads["/tmp/sanchaos-probe.bin"];
        block.Content.Should().HaveLength(4096).And.StartWith("SANCHAOS-PROBE run=run42 seq=1 client=badger\n");
        block.Mode.Should().Be("0600");
        b.Nodes["badger"].Uploads["/tmp/sanchaos-probe.bin"].Content.Should().Be(block.Content);
        a.Nodes["badger"].Executed.Should().Contain(c => c.Contains("of=/dev/mapper/mpio bs=4096 seek=255 count=1 oflag=direct", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_names_the_condition_that_never_held_and_what_it_last_saw()
    {
        var lab = FakeLab.Healthy().Answer("badger", "multipath_paths", TestFiles.Sample("multipathd-paths-raw-one-faulty.from-docs.txt"));
        var act = () => SteadyState.WaitAsync(lab.AsNodes, lab.Inventory, TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken, Fast);
        var e = (await act.Should().ThrowAsync<WaitTimeoutException>()).Which;
        e.Condition.Should().Be("badger: multipath map mpio with 2 active paths");
        // On a loaded machine the deadline may cut the last check short: what the one before saw, said once.
        e.LastSeen.Should().BeOneOf("mpio: sda active/ready, sdb failed/faulty (1/2 active)",
            "mpio: sda active/ready, sdb failed/faulty (1/2 active) (the last check was cut off by the deadline)");
        e.Remedy.Should().Contain("multipath -ll");
    }

    [Fact]
    public async Task Wait_returns_every_satisfied_probe_in_order()
    {
        var lab = FakeLab.Healthy();
        var r = await SteadyState.WaitAsync(lab.AsNodes, lab.Inventory, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken, Fast);
        r.Select(x => x.Condition).Should().Equal(
            "DRBD r0 Connected and UpToDate/UpToDate on otter and weasel",
            "resource group (r0, storage, floating IPs, lio-target) on exactly one of otter and weasel",
            "floating IPs answer badger on their storage networks",
            "badger: multipath map mpio with 2 active paths",
            "badger: 4 KiB written to /dev/mapper/mpio reads back identical");
    }
}
