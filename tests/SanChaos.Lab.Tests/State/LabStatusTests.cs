using FluentAssertions;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Lab.Tests.State;

[Trait("Category", "unit")]
public sealed class LabStatusTests
{
    private static FakeLab WithLinks(FakeLab lab)
    {
        foreach (var (node, peer) in new[] { ("otter", "weasel"), ("weasel", "otter") })
        {
            lab.Answer(node, "hb_linkstatus", "up\n", with: v => v.With("link", "eth1"));
            lab.Answer(node, "hb_linkstatus", "up\n", with: v => v.With("link", "/dev/ttyS1"));
        }

        return lab;
    }

    [Fact]
    public async Task Status_of_a_healthy_lab_shows_the_holder_drbd_links_sessions_and_paths()
    {
        var lab = WithLinks(FakeLab.Healthy());
        var s = await LabStatus.CollectAsync(lab.AsNodes, lab.Inventory, ct: TestContext.Current.CancellationToken);
        s.Holders.Should().Equal("weasel");
        var weasel = s.StorageNodes.Single(n => n.Name == "weasel");
        weasel.FloatingIps.Should().Equal("192.168.1.1", "192.168.2.1");
        weasel.ResourceStatus.Should().Be(HeartbeatResourceStatus.Local);
        weasel.Links.Should().Equal(new Dictionary<string, string> { ["eth1"] = "up", ["/dev/ttyS1"] = "up" });
        s.Clients.Single().PathsOf("mpio").Should().HaveCount(2);

        var table = s.ToTable();
        table.Should().Contain("resource group on weasel");
        table.Should().MatchRegex(@"weasel\s+up\s+running\s+local\s+Primary/Secondary\s+Connected\s+UpToDate/UpToDate\s+192\.168\.1\.1 192\.168\.2\.1\s+enabled\s+eth1:up /dev/ttyS1:up");
        table.Should().MatchRegex(@"otter\s+up\s+running\s+none\s+Secondary/Primary\s+Connected\s+UpToDate/UpToDate\s+-\s+-");
        table.Should().Contain("192.168.1.1:3260=LOGGED_IN 192.168.2.1:3260=LOGGED_IN").And.Contain("mpio: sda=active/ready sdb=active/ready");
    }

    [Fact]
    public async Task Status_shows_an_unreachable_node_and_a_split_brain_without_throwing()
    {
        var lab = WithLinks(FakeLab.Healthy());
        lab.Storage("otter", "proc-drbd-8.4-standalone-primary.from-docs.txt", "all", "ip-addr-holder.recorded.txt", target: true);
        lab.Nodes["badger"].Unreachable = true;
        var s = await LabStatus.CollectAsync(lab.AsNodes, lab.Inventory, ct: TestContext.Current.CancellationToken);
        s.Holders.Should().Equal("otter", "weasel");
        var table = s.ToTable();
        table.Should().Contain("SPLIT BRAIN: otter and weasel both hold resources");
        table.Should().MatchRegex(@"badger\s+DOWN\s+-\s+ssh to badger: connection timed out");
    }

    [Fact]
    public async Task Status_after_the_takeover_shows_otter_alone_waiting_for_weasel_and_the_client_without_paths()
    {
        // 22 s after weasel lost power (recorded 2026-11-29): otter holds everything, DRBD waits for its peer,
        // Heartbeat sees no link to weasel, badger's sessions timed out and its paths failed.
        var lab = WithLinks(FakeLab.Healthy()).Client("badger", "both-free-failed");
        lab.Storage("otter", "proc-drbd-8.4-otter-wfconnection-primary-unknown.recorded.txt", "all", "ip-addr-holder.recorded.txt", target: true);
        lab.Answer("otter", "hb_linkstatus", "dead\n", with: v => v.With("link", "eth1"));
        lab.Answer("otter", "hb_linkstatus", "dead\n", with: v => v.With("link", "/dev/ttyS1"));
        lab.Nodes["weasel"].Unreachable = true;

        var s = await LabStatus.CollectAsync(lab.AsNodes, lab.Inventory, ct: TestContext.Current.CancellationToken);

        s.Holders.Should().Equal("otter");
        var otter = s.StorageNodes.Single(n => n.Name == "otter");
        otter.Drbd.Should().Be(new DrbdDeviceStatus(0, "WFConnection", "Primary", "Unknown", "UpToDate", "DUnknown", 'C', "r-----", null));
        otter.FloatingIps.Should().Equal("192.168.1.1", "192.168.2.1");
        s.HeartbeatLinksUp.Should().BeFalse();
        var badger = s.Clients.Single();
        badger.Sessions.Select(x => x.SessionState).Should().Equal("FREE", "FREE");
        badger.PathsOf("mpio").Should().NotContain(p => p.IsActive);

        var table = s.ToTable();
        table.Should().Contain("resource group on otter");
        table.Should().MatchRegex(@"otter\s+up\s+running\s+all\s+Primary/Unknown\s+WFConnection\s+UpToDate/DUnknown\s+192\.168\.1\.1 192\.168\.2\.1\s+enabled\s+eth1:dead /dev/ttyS1:dead");
        table.Should().MatchRegex(@"weasel\s+DOWN\s+-");
        table.Should().Contain("192.168.1.1:3260=FREE 192.168.2.1:3260=FREE").And.Contain("mpio: sda=failed/faulty sdb=failed/faulty");
    }

    [Fact]
    public async Task Drbd_alone_reads_proc_drbd_on_each_storage_node_and_reports_one_it_cannot_read()
    {
        var lab = FakeLab.Healthy().Answer("otter", "proc_drbd", TestFiles.Sample("proc-drbd-8.4-split-brain-victim.recorded.txt"));
        var drbd = SteadyState.Drbd(lab.AsNodes, lab.Inventory);
        var p = await drbd.CheckAsync(TestContext.Current.CancellationToken);
        p.Satisfied.Should().BeFalse();
        p.Observed.Should().Contain("otter cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown").And.Contain("weasel cs:Connected");
        lab.Nodes["otter"].Executed.Should().Equal([lab.Command("otter", "proc_drbd")], "nothing but /proc/drbd is read");
        lab.Nodes["badger"].Executed.Should().BeEmpty();

        lab.Nodes["weasel"].Unreachable = true;
        var act = () => drbd.CheckAsync(TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<Core.Errors.SanChaosException>()).Which.Problem.Should().Contain("connection timed out");
    }

    [Fact]
    public async Task One_client_alone_reads_its_sessions_and_paths_and_touches_no_storage_node()
    {
        var lab = FakeLab.Healthy();
        var c = await LabStatus.ClientAsync(lab.AsNodes, lab.Inventory, "badger", ct: TestContext.Current.CancellationToken);
        c.Sessions.Should().HaveCount(2).And.OnlyContain(x => x.IsLoggedIn);
        c.PathsOf("mpio").Should().HaveCount(2);
        lab.Nodes["otter"].Executed.Should().BeEmpty();
        lab.Nodes["weasel"].Executed.Should().BeEmpty();
        (await LabStatus.ClientAsync(lab.AsNodes, lab.Inventory, "ferret", ct: TestContext.Current.CancellationToken)).Reachable.Should().BeFalse();
    }
}
