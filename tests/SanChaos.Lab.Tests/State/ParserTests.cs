using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.State;
using Xunit;

namespace SanChaos.Lab.Tests.State;

[Trait("Category", "unit")]
public sealed class ParserTests
{
    private const string Iqn = "iqn.2009-02.com.example:test";

    [Fact]
    public void Proc_drbd_prints_a_minor_back_as_proc_drbd_does_and_lists_only_the_configured_ones()
    {
        var p = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-weasel-connected-primary-secondary.recorded.txt"));
        p.Device(0)!.ToString().Should().Be("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
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

    /// <summary>/proc/drbd on the embedded lab, 2026-11-29, around the power loss of weasel (the primary) and its return.</summary>
    [Theory]
    [InlineData("weasel-connected-primary-secondary", "Connected", "Primary", "Secondary", "UpToDate", "UpToDate", null)]
    [InlineData("otter-connected-secondary-primary", "Connected", "Secondary", "Primary", "UpToDate", "UpToDate", null)]
    [InlineData("otter-wfconnection-primary-unknown", "WFConnection", "Primary", "Unknown", "UpToDate", "DUnknown", null)]
    [InlineData("otter-syncsource-primary-secondary", "SyncSource", "Primary", "Secondary", "UpToDate", "Inconsistent", 50.0)]
    [InlineData("otter-connected-primary-secondary", "Connected", "Primary", "Secondary", "UpToDate", "UpToDate", null)]
    public void Proc_drbd_recorded_around_the_power_loss_of_the_primary(
        string sample, string cs, string role, string peerRole, string disk, string peerDisk, double? synced)
    {
        var p = ProcDrbdParser.Parse(TestFiles.Sample($"proc-drbd-8.4-{sample}.recorded.txt"));
        p.Version.Should().Be("8.4.11");
        var d = p.Devices.Should().ContainSingle().Subject;
        d.Should().Be(new DrbdDeviceStatus(0, cs, role, peerRole, disk, peerDisk, 'C', "r-----", synced));
        d.IsConfigured.Should().BeTrue();
        d.IsPrimary.Should().Be(role == "Primary");
        d.IsConnected.Should().Be(cs != "WFConnection", "a resync is connected, waiting for the dead peer is not");
        d.BothUpToDate.Should().Be(peerDisk == "UpToDate");
        d.IsSuspended.Should().BeFalse();
    }

    [Fact]
    public void Proc_drbd_resync_progress_and_wfconnection_and_unconfigured()
    {
        var sync = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-otter-syncsource-primary-secondary.recorded.txt")).Device(0)!;
        sync.SyncPercent.Should().Be(50.0, "the progress bar line `sync'ed: 50.0% (12072/15188)K` follows the device lines");
        sync.ToString().Should().Be("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent sync'ed:50%");

        var wfc = ProcDrbdParser.Parse(TestFiles.Sample("proc-drbd-8.4-otter-wfconnection-primary-unknown.recorded.txt")).Device(0)!;
        wfc.ToString().Should().Be("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown");

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
        var a = IpAddrParser.Parse(TestFiles.Sample("ip-addr-holder.recorded.txt"));
        a.Should().HaveCount(7);
        a.Where(x => x.Interface == "eth2").Select(x => x.Address.ToString()).Should().Equal("192.168.1.3/24", "192.168.1.1/24");
        a.Where(x => x.Interface == "eth3").Select(x => x.Address.ToString()).Should().Equal("192.168.2.3/24", "192.168.2.1/24");

        var idle = IpAddrParser.Parse(TestFiles.Sample("ip-addr-idle.recorded.txt"));
        idle.Select(x => $"{x.Interface} {x.Address}").Should().Equal(
            "lo 127.0.0.1/8", "eth0 172.16.1.1/24", "eth1 10.0.0.1/24", "eth2 192.168.1.2/24", "eth3 192.168.2.2/24");
    }

    [Fact]
    public void Iscsiadm_session_flat_listing()
    {
        var s = IscsiSessionParser.ParseSessions(TestFiles.Sample("iscsiadm-session.recorded.txt"));
        s.Should().Equal(
            new IscsiSession(1, Iqn, "192.168.1.1", 3260, 1, "tcp", null, null),
            new IscsiSession(2, Iqn, "192.168.2.1", 3260, 1, "tcp", null, null));
        s.Should().OnlyContain(x => x.IsLoggedIn, "the flat listing has no states");
        IscsiSessionParser.ParseSessions("iscsiadm: No active sessions.\n").Should().BeEmpty();
    }

    [Fact]
    public void Iscsiadm_session_tree_gives_the_states()
    {
        var s = IscsiSessionParser.ParseDetails(TestFiles.Sample("iscsiadm-session-P1-one-failed.from-docs.txt"));
        s.Should().HaveCount(2);
        s[0].Should().Be(new IscsiSession(1, Iqn, "192.168.1.1", 3260, 1, null, "LOGGED IN", "LOGGED_IN"));
        s[0].IsLoggedIn.Should().BeTrue();
        s[1].Sid.Should().Be(2);
        s[1].Portal.Should().Be("192.168.2.1:3260");
        s[1].ConnectionState.Should().Be("TRANSPORT WAIT");
        s[1].SessionState.Should().Be("FAILED");
        s[1].IsLoggedIn.Should().BeFalse();
    }

    /// <summary>
    /// <c>iscsiadm -m session -P 1</c> on badger, 2026-11-29: before the power cut of weasel, 17 s after it (NOP
    /// timeout), 22 s after it (session recovery timed out) and while logging back in to the new owner.
    /// </summary>
    [Theory]
    [InlineData("two-active", "LOGGED_IN/LOGGED IN", "LOGGED_IN/LOGGED IN")]
    [InlineData("both-failed-transport-wait", "FAILED/TRANSPORT WAIT", "FAILED/TRANSPORT WAIT")]
    [InlineData("both-free-failed", "FREE/TRANSPORT WAIT", "FREE/TRANSPORT WAIT")]
    [InlineData("reinstating", "LOGGED_IN/TRANSPORT WAIT", "LOGGED_IN/LOGGED IN")]
    public void Iscsiadm_session_tree_recorded_around_the_power_loss_of_the_primary(string instant, string first, string second)
    {
        var s = IscsiSessionParser.ParseDetails(TestFiles.Sample($"iscsiadm-session-P1-{instant}.recorded.txt"));
        s.Select(x => (x.Sid, x.Target, x.Portal, x.Tpgt, x.Transport)).Should().Equal(
            (1, Iqn, "192.168.1.1:3260", 1, null), (2, Iqn, "192.168.2.1:3260", 1, null));
        s.Select(x => $"{x.SessionState}/{x.ConnectionState}").Should().Equal(first, second);
        s.Select(x => x.IsLoggedIn).Should().Equal(first == "LOGGED_IN/LOGGED IN", second == "LOGGED_IN/LOGGED IN");
    }

    /// <summary>
    /// <c>multipathd show paths raw format "%d|%t|%T|%o|%m"</c> on badger at the same instants: 17 s after the cut
    /// multipathd still reports both paths active/ready (it has not noticed yet), and while iSCSI logs back
    /// in it still has them failed/faulty.
    /// </summary>
    [Theory]
    [InlineData("two-active", "active/ready", 2)]
    [InlineData("both-failed-transport-wait", "active/ready", 2)]
    [InlineData("both-free-failed", "failed/faulty", 0)]
    [InlineData("reinstating", "failed/faulty", 0)]
    public void Multipathd_raw_paths_recorded_around_the_power_loss_of_the_primary(string instant, string states, int active)
    {
        var p = MultipathdParser.ParsePaths(TestFiles.Sample($"multipathd-paths-raw-{instant}.recorded.txt"));
        p.Select(x => $"{x.Device} {x.DmState}/{x.CheckerState} {x.DeviceState} {x.Map}").Should().Equal(
            $"sda {states} running mpio", $"sdb {states} running mpio");
        p.Count(x => x.IsActive).Should().Be(active);
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

    /// <summary>
    /// <c>multipath -ll</c> on badger at the same instants: one group whose priority drops to 0 and status to enabled
    /// as the paths fail; at 17 s the checker is still waiting (<c>i/o pending</c>, a state with a blank); while
    /// logging back in the checker says ready but device-mapper still has the paths failed.
    /// </summary>
    [Theory]
    [InlineData("two-active", 1, "active", "active", "ready", 2)]
    [InlineData("both-failed-transport-wait", 0, "active", "active", "i/o pending", 0)]
    [InlineData("both-free-failed", 0, "enabled", "failed", "faulty", 0)]
    [InlineData("reinstating", 1, "enabled", "failed", "ready", 0)]
    public void Multipath_ll_recorded_around_the_power_loss_of_the_primary(string instant, int prio, string status, string dm, string checker, int active)
    {
        var m = MultipathLlParser.Parse(TestFiles.Sample($"multipath-ll-{instant}.recorded.txt")).Should().ContainSingle().Subject;
        (m.Name, m.Wwid, m.DmDevice, m.Vendor, m.Product).Should().Be(("mpio", "36001405acae000000000000000000000", "dm-0", "LIO-ORG", "IBLOCK"));
        m.Groups.Select(g => (g.Policy, g.Priority, g.Status)).Should().Equal(("round-robin 0", prio, status));
        m.Paths.Select(p => (p.Hcil, p.Device, p.MajorMinor, p.DmState, p.CheckerState, p.OnlineState))
            .Should().Equal(("0:0:0:0", "sda", "8:0", dm, checker, "running"), ("1:0:0:0", "sdb", "8:16", dm, checker, "running"));
        m.Paths.Count(p => p.IsActive).Should().Be(active);
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
