using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Lab.Tests.State;

[Trait("Category", "unit")]
public sealed class ParserTests
{
    [Fact]
    public void Proc_drbd_connected_primary()
    {
        var p = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-connected-primary.from-docs.txt"));
        p.Version.Should().Be("8.4.11");
        var d = p.Device(0)!;
        d.Should().Be(new DrbdDeviceStatus(0, "Connected", "Primary", "Secondary", "UpToDate", "UpToDate", 'C', "r-----", null));
        d.IsPrimary.Should().BeTrue();
        d.IsConnected.Should().BeTrue();
        d.BothUpToDate.Should().BeTrue();
        d.IsSuspended.Should().BeFalse();
        d.ToString().Should().Be("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        p.Device(1).Should().BeNull();
    }

    [Fact]
    public void Proc_drbd_standalone_has_no_protocol_column()
    {
        var d = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-standalone-primary.from-docs.txt")).Device(0)!;
        d.ConnectionState.Should().Be("StandAlone");
        d.Role.Should().Be("Primary");
        d.PeerRole.Should().Be("Unknown");
        d.PeerDiskState.Should().Be("DUnknown");
        d.Protocol.Should().BeNull();
        d.Flags.Should().Be("r-----");
        d.IsConnected.Should().BeFalse();
    }

    [Fact]
    public void Proc_drbd_resync_progress_and_wfconnection_and_unconfigured()
    {
        var sync = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-syncsource.from-docs.txt")).Device(0)!;
        sync.ConnectionState.Should().Be("SyncSource");
        sync.PeerDiskState.Should().Be("Inconsistent");
        sync.SyncPercent.Should().Be(34.2);
        sync.IsConnected.Should().BeTrue();
        sync.BothUpToDate.Should().BeFalse();

        var wfc = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-wfconnection.from-docs.txt")).Device(0)!;
        wfc.ConnectionState.Should().Be("WFConnection");
        wfc.PeerDiskState.Should().Be("Outdated");

        var down = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-unconfigured.from-docs.txt")).Device(0)!;
        down.IsConfigured.Should().BeFalse();
        down.Role.Should().BeNull();
        down.ToString().Should().Be("cs:Unconfigured");

        ProcDrbdParser.Parse("").Devices.Should().BeEmpty();
    }

    [Fact]
    public void Drbdadm_role_dstate_and_cstate()
    {
        DrbdadmParser.ParsePair("Primary/Secondary\n").Should().Be(new DrbdPair("Primary", "Secondary"));
        DrbdadmParser.ParsePair("Inconsistent/Inconsistent\n")!.ToString().Should().Be("Inconsistent/Inconsistent");
        DrbdadmParser.ParsePair("r0: State change failed: (-2) Need access to UpToDate data\n").Should().BeNull();
        DrbdadmParser.ParseWord("Connected\n").Should().Be("Connected");
    }

    [Theory]
    [InlineData("all\n", HeartbeatResourceStatus.All)]
    [InlineData("none\n", HeartbeatResourceStatus.None)]
    [InlineData("local\n", HeartbeatResourceStatus.Local)]
    [InlineData("foreign\n", HeartbeatResourceStatus.Foreign)]
    [InlineData("transition\n", HeartbeatResourceStatus.Transition)]
    [InlineData("Heartbeat is stopped on this machine.\n", HeartbeatResourceStatus.Unknown)]
    public void Cl_status_rscstatus(string output, HeartbeatResourceStatus expected) =>
        ClStatusParser.ParseResourceStatus(output).Should().Be(expected);

    [Fact]
    public void Cl_status_nodestatus_linkstatus_and_hbstatus()
    {
        ClStatusParser.ParseWord("active\n").Should().Be("active");
        ClStatusParser.ParseWord("dead\n").Should().Be("dead");
        ClStatusParser.IsRunning(new CommandResult(0, "Heartbeat is running on this machine.\n", "")).Should().BeTrue();
        ClStatusParser.IsRunning(new CommandResult(2, "Heartbeat is stopped on this machine.\n", "")).Should().BeFalse();
    }

    [Fact]
    public void Ip_addr_lists_secondary_addresses()
    {
        var a = IpAddrParser.Parse(TestFiles.Sample("ip-addr-holder.from-docs.txt"));
        a.Should().HaveCount(7);
        a.Where(x => x.Interface == "eth2").Select(x => x.Address.ToString()).Should().Equal("192.168.1.3/24", "192.168.1.1/24");
        a.Select(x => x.Address.Address.ToString()).Should().Contain("192.168.2.1");
    }

    [Fact]
    public void Iscsiadm_session_flat_listing()
    {
        var s = IscsiSessionParser.ParseSessions(TestFiles.Sample("iscsiadm-session.from-docs.txt"));
        s.Should().HaveCount(2);
        s[0].Should().Be(new IscsiSession(1, "iqn.2009-02.com.example:test", "192.168.1.1", 3260, 1, "tcp", null, null));
        s[1].Portal.Should().Be("192.168.2.1:3260");
        IscsiSessionParser.ParseSessions("iscsiadm: No active sessions.\n").Should().BeEmpty();
    }

    [Fact]
    public void Iscsiadm_session_tree_gives_the_states()
    {
        var s = IscsiSessionParser.ParseDetails(TestFiles.Sample("iscsiadm-session-P1-one-failed.from-docs.txt"));
        s.Should().HaveCount(2);
        s[0].Should().Be(new IscsiSession(1, "iqn.2009-02.com.example:test", "192.168.1.1", 3260, 1, null, "LOGGED IN", "LOGGED_IN"));
        s[0].IsLoggedIn.Should().BeTrue();
        s[1].Sid.Should().Be(2);
        s[1].Portal.Should().Be("192.168.2.1:3260");
        s[1].ConnectionState.Should().Be("TRANSPORT WAIT");
        s[1].SessionState.Should().Be("FAILED");
        s[1].IsLoggedIn.Should().BeFalse();
    }

    [Fact]
    public void Multipathd_raw_paths_including_states_with_blanks()
    {
        var p = MultipathdParser.ParsePaths(TestFiles.Sample("multipathd-paths-raw-pending.from-docs.txt"));
        p.Should().HaveCount(3);
        p[1].Should().Be(new MultipathPath("sdb", "active", "i/o pending", "running", "mpio"));
        p[1].IsActive.Should().BeFalse();
        p[2].Map.Should().Be("[orphan]");
        MultipathdParser.ParsePaths("error -104 receiving packet\n").Should().BeEmpty();
        MultipathdParser.ParsePaths(TestFiles.Sample("multipathd-paths-raw-one-faulty.from-docs.txt")).Count(x => x.IsActive).Should().Be(1);
    }

    [Fact]
    public void Multipath_ll_of_the_rhel_guide()
    {
        var maps = MultipathLlParser.Parse(TestFiles.Sample("multipath-ll-rhel-doc.from-docs.txt"));
        var m = maps.Should().ContainSingle().Subject;
        m.Name.Should().Be("3600d0230000000000e13955cc3757800");
        m.Wwid.Should().Be(m.Name);
        m.DmDevice.Should().Be("dm-1");
        m.Vendor.Should().Be("WINSYS");
        m.Product.Should().Be("SF2372");
        m.Groups.Select(g => (g.Policy, g.Priority, g.Status)).Should().Equal(("round-robin 0", 1, "active"), ("round-robin 0", 1, "enabled"));
        m.Paths.Select(p => (p.Hcil, p.Device, p.MajorMinor, p.DmState, p.CheckerState, p.OnlineState))
            .Should().Equal(("6:0:0:0", "sdb", "8:16", "active", "ready", "running"), ("7:0:0:0", "sdf", "8:80", "active", "ready", "running"));
    }

    [Fact]
    public void Multipath_ll_of_mpio_with_a_faulty_path()
    {
        var m = MultipathLlParser.Parse(TestFiles.Sample("multipath-ll-mpio-one-faulty.from-docs.txt")).Single();
        m.Name.Should().Be("mpio");
        m.Wwid.Should().Be("36001405acae000000000000000000000");
        m.Vendor.Should().Be("LIO-ORG");
        m.Product.Should().Be("IBLOCK");
        m.Paths.Select(p => $"{p.Device} {p.DmState} {p.CheckerState} {p.IsActive}").Should().Equal("sda active ready True", "sdb failed faulty False");
    }
}
