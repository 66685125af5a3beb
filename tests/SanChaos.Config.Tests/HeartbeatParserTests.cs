using FluentAssertions;
using SanChaos.Config.Heartbeat;
using Xunit;

namespace SanChaos.Config.Tests;

public sealed class HeartbeatParserTests
{
    [Fact]
    public void The_seeds_ha_cf_has_two_paths_and_its_timers_with_lines()
    {
        var cf = Fixtures.Load("seeds").Node("otter")!.HaCf!;
        cf.Paths.Select(p => p.ToString()).Should().Equal("serial /dev/ttyS0", "bcast eth1");
        cf.Time("deadtime")!.Value.Value.Should().Be(TimeSpan.FromSeconds(10));
        cf.Time("deadtime")!.Value.Entry.Location.ToString().Should().Be("otter/ha.cf:4");
        cf.Nodes.Should().Equal("otter", "weasel");
    }

    [Fact]
    public void The_serial_speed_is_the_baud_set_before_the_serial_line_and_heartbeats_19200_without_one()
    {
        // Rendered for the embedded lab and collected from it (Fixtures/embedded): baud 9600, then serial /dev/ttyS1.
        Fixtures.Load("embedded").Node("otter")!.HaCf!.Baud.Should().Be(9600);
        var d = new List<ConfigDiagnostic>();
        HaCf.Parse(Fixtures.File("ha.cf", "serial /dev/ttyS0\nbcast eth1\n"), d).Baud.Should().Be(HaCf.DefaultBaud).And.Be(19200);
        HaCf.Parse(Fixtures.File("ha.cf", "baud 9600\nserial /dev/ttyS0\nbaud 38400\n"), d).Baud.Should().Be(9600,
            "Heartbeat sets the serial path up with the baud read so far");
        HaCf.Parse(Fixtures.File("ha.cf", "baud 38400\nbaud 115200\n"), d).Baud.Should().Be(115200, "without a serial line, the last one");
        HaCf.Parse(Fixtures.File("ha.cf", "baud fast\nserial /dev/ttyS0\n"), d).Baud.Should().BeNull();
    }

    [Fact]
    public void An_unknown_directive_and_a_bad_time_are_reported_with_line_and_what_was_expected()
    {
        var d = new List<ConfigDiagnostic>();
        var cf = HaCf.Parse(Fixtures.File("ha.cf", "keepalive 500ms\ndeadtim 10\ndeadtime ten # comment\n"), d);
        cf.Time("keepalive")!.Value.Value.Should().Be(TimeSpan.FromMilliseconds(500));
        d.Select(x => x.Location.ToString()).Should().Equal("otter/ha.cf:2", "otter/ha.cf:3");
        d[0].Problem.Should().Contain("deadtim");
        d[0].Expected.Should().Contain("keepalive");
        d[1].Expected.Should().Contain("seconds");
    }

    [Fact]
    public void The_seeds_haresources_splits_where_the_backslash_is_missing()
    {
        var r = Fixtures.Load("seeds").Node("weasel")!.HaResources!;
        r.Groups.Should().HaveCount(2);
        r.Groups[0].Node.Should().Be("weasel");
        r.Groups[0].Resources.Select(x => x.Text).Should().Equal("drbddisk::r0", "LVM::storage");
        r.Groups[0].LastLine.Should().Be(2);
        r.Groups[1].Node.Should().Be("IPaddr::192.168.1.1/24/eth2");
        r.Groups[1].AfterUncontinuedLine.Should().BeTrue();
        r.Groups[1].Resources.Last().Agent.Should().Be("iscsi-target");
    }

    [Fact]
    public void Continuation_lines_join_and_a_blank_after_the_backslash_ends_the_group()
    {
        var d = new List<ConfigDiagnostic>();
        var r = HaResources.Parse(Fixtures.File("haresources", "# group\nweasel drbddisk::r0 \\\n    LVM::storage \\ \n    IPaddr2::192.168.1.1/24/eth2 \\\n"), d);
        r.Groups.Select(g => g.Node).Should().Equal("weasel", "IPaddr2::192.168.1.1/24/eth2");
        r.Groups[0].Resources.Select(x => x.Agent).Should().Equal("drbddisk", "LVM");
        r.Groups[0].Resources[1].Args.Should().Equal("storage");
        d.Select(x => (x.Location.Line, x.Severity)).Should().Equal((3, Severity.Error), (4, Severity.Error));
        d[0].Expected.Should().Contain("very last character");
        d[1].Problem.Should().Contain("no line follows");
    }

    [Fact]
    public void Authkeys_without_an_auth_line_or_with_an_unknown_method_are_reported()
    {
        var d = new List<ConfigDiagnostic>();
        var k = AuthKeys.Parse(Fixtures.File("authkeys", "1 sha256 abc\n2 sha1\n"), d);
        k.Auth.Should().BeNull();
        d.Select(x => x.Location.Line).Should().Equal(1, 2, 1);
        d[0].Expected.Should().Contain("crc, md5 or sha1");
        d[2].Problem.Should().Contain("no 'auth N' line");
    }

    [Fact]
    public void The_lab_authkeys_selects_its_sha1_key_and_carries_its_mode()
    {
        var k = Fixtures.Load("embedded").Node("otter")!.AuthKeys!;
        k.ActiveKey!.Values[0].Should().Be("sha1");
        k.File.ModeText.Should().Be("600");
    }
}
