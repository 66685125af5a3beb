using FluentAssertions;
using SanChaos.Checkers.Audit;
using SanChaos.Checkers.Tests.Support;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Checkers.Tests;

/// <summary>The baseline audit on cluster snapshots built with the state probes' own parsers.</summary>
[Trait("Category", "unit")]
public sealed class BaselineAuditCheckerTests
{
    private static readonly DateTimeOffset At = KillPrimary.PowerOn.AddMinutes(2);
    private static readonly Dictionary<string, string> LinksUp = new() { ["eth1"] = "up", ["/dev/ttyS1"] = "up" };

    private static DrbdDeviceStatus Drbd(string line) => ProcDrbdParser.Parse($"version: 8.4.11 (api:1/proto:86-101)\n {line}\n").Device(0)!;

    private static StorageNodeState Holder(string name = "weasel") => new(name, true, null, Drbd("0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----"),
        true, HeartbeatResourceStatus.All, [KillPrimary.IpA, KillPrimary.IpB], true, LinksUp);

    private static StorageNodeState Standby(string name = "otter") => new(name, true, null, Drbd("0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----"),
        true, HeartbeatResourceStatus.None, [], false, LinksUp);

    private static ClientState Client(string paths = "sda|active|ready|running|mpio\nsdb|active|ready|running|mpio") =>
        new("badger", true, null, [new IscsiSession(1, "iqn.2009-02.com.example:test", KillPrimary.IpA, 3260, 1, "tcp", "LOGGED IN", "LOGGED_IN")],
            MultipathdParser.ParsePaths(paths), null);

    private static Verdict Audit(StorageNodeState otter, StorageNodeState weasel, ClientState? badger = null) =>
        Checking.Run(new BaselineAuditChecker(new ClusterState("embedded", At, [otter, weasel], [badger ?? Client()], "mpio")),
            new CheckInput([], KillPrimary.Lab));

    [Fact]
    public void One_holder_DRBD_in_sync_both_heartbeat_paths_and_both_client_paths_is_the_baseline()
    {
        var v = Audit(Standby(), Holder());

        v.Status.Should().Be(VerdictStatus.Valid, v.ToString());
        v.Summary.Should().Be("the lab is at its baseline: weasel holds the resource group, DRBD in sync, every Heartbeat link up, every path active");
    }

    [Fact]
    public void A_dead_heartbeat_path_is_off_the_baseline()
    {
        var v = Audit(Standby() with { Links = new Dictionary<string, string> { ["eth1"] = "up", ["/dev/ttyS1"] = "dead" } }, Holder());

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Summary.Should().Be("the lab is not at its baseline: not every Heartbeat link is up: otter: eth1:up /dev/ttyS1:dead; weasel: eth1:up /dev/ttyS1:up");
    }

    [Fact]
    public void Two_holders_a_partial_holder_and_DRBD_out_of_sync_are_each_named()
    {
        var splitOtter = Standby() with { Drbd = Drbd("0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown C r-----"), FloatingIps = [KillPrimary.IpA] };
        var v = Audit(splitOtter, Holder() with { Drbd = Drbd("0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown C r-----") });

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Evidence.Select(e => e.What).Should().Contain(
            "DRBD on otter is cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown, not cs:Connected ds:UpToDate/UpToDate",
            "otter and weasel both hold parts of the resource group");
        v.Figures!["holders"].Should().Be(2);

        var partial = Audit(Standby(), Holder() with { TargetRunning = false });
        partial.Summary.Should().Contain("weasel holds only part of the resource group: DRBD Primary, IPs 192.168.1.1 192.168.2.1, target stopped");
    }

    [Fact]
    public void A_failed_client_path_and_an_unreachable_node_are_off_the_baseline()
    {
        var v = Audit(StorageNodeState.Unreachable("otter", "ssh: connect to host 172.16.1.1 port 22: No route to host"), Holder(),
            Client("sda|active|ready|running|mpio\nsdb|failed|faulty|running|mpio"));

        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Evidence.Select(e => e.What).Should().Contain(
            "otter is unreachable (ssh: connect to host 172.16.1.1 port 22: No route to host)",
            "badger's map mpio has 1 of 2 paths active (sda active/ready, sdb failed/faulty)");
        v.Evidence.Should().Contain(e => e.Node == "badger" && e.At == At);
    }

    [Fact]
    public void Heartbeat_bookkeeping_that_disagrees_with_what_the_nodes_hold_is_off_baseline()
    {
        // Seen on the lab after Heartbeat was killed on the holder and started again (the next drill found the lab broken).
        var v = Audit(Standby() with { ResourceStatus = HeartbeatResourceStatus.All },
            Holder() with { ResourceStatus = HeartbeatResourceStatus.None });
        v.Status.Should().Be(VerdictStatus.Invalid);
        v.Evidence.Select(e => e.What).Should().Contain("weasel holds the resource group but Heartbeat there says rscstatus none")
            .And.Contain("Heartbeat on otter says rscstatus all although otter holds nothing");
    }

    /// <summary>
    /// Each repair kind the recovery classifies as a behaviour of the SAN names a checker that judges the state calling for
    /// it: for baseline-audit, the audit of that very state (the lab as the scenario left it, before the repair) is Invalid.
    /// A repair with a checker that passes its state would let a scenario that needed a repair pass.
    /// </summary>
    [Theory]
    [InlineData("heartbeat-not-running")]
    [InlineData("heartbeat-books-wrong")]
    [InlineData("heartbeat-holder-transition")]
    [InlineData("heartbeat-transition-no-holder")]
    [InlineData("drbd-standalone-holder")]
    [InlineData("iscsi-session-missing")]
    [InlineData("multipathd-not-answering")]
    public void Every_state_the_recovery_repairs_as_a_SAN_behaviour_judged_by_the_audit_is_off_the_baseline(string kind)
    {
        var standAlone = Drbd("0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown C r-----");
        var (otter, weasel, badger) = kind switch
        {
            "heartbeat-not-running" => (Standby() with { HeartbeatRunning = false }, Holder(), Client()),
            "heartbeat-books-wrong" => (Standby() with { ResourceStatus = HeartbeatResourceStatus.All }, Holder() with { ResourceStatus = HeartbeatResourceStatus.None }, Client()),
            "heartbeat-holder-transition" => (Standby(), Holder() with { ResourceStatus = HeartbeatResourceStatus.Transition }, Client()),
            "heartbeat-transition-no-holder" => (Standby(), Standby("weasel") with { ResourceStatus = HeartbeatResourceStatus.Transition }, Client()),
            "drbd-standalone-holder" => (Standby(), Holder() with { Drbd = standAlone }, Client()),
            "iscsi-session-missing" => (Standby(), Holder(), Client() with { Sessions = [], Paths = MultipathdParser.ParsePaths("sda|active|ready|running|mpio") }),
            _ => (Standby(), Holder(), Client() with { Paths = [], PathsError = "multipathd: timeout talking to the daemon" }),
        };
        var state = new ClusterState("embedded", At, [otter, weasel], [badger], "mpio");

        var repairs = Labs.Recovery.RecoveryPlanner.Plan(state, [$"{KillPrimary.IpA}:3260", $"{KillPrimary.IpB}:3260"]).Repairs;

        repairs.Should().Contain(r => r.Kind == kind, $"the planner repairs {kind}");
        var repair = repairs.First(r => r.Kind == kind);
        var k = Labs.Recovery.RepairKinds.Of(repair);
        k.Class.Should().Be(Labs.Recovery.RepairClass.SutBehaviour);
        k.Checker.Should().Be("baseline-audit");
        Checking.Run(new BaselineAuditChecker(state), new CheckInput([], KillPrimary.Lab)).Status.Should().Be(VerdictStatus.Invalid);
    }

    [Fact]
    public void The_baseline_itself_calls_for_no_repair()
    {
        var state = new ClusterState("embedded", At, [Standby(), Holder()], [Client()], "mpio");
        Labs.Recovery.RecoveryPlanner.Plan(state, [$"{KillPrimary.IpA}:3260"]).Repairs.Should().BeEmpty();
        Checking.Run(new BaselineAuditChecker(state), new CheckInput([], KillPrimary.Lab)).Status.Should().Be(VerdictStatus.Valid);
    }
}
