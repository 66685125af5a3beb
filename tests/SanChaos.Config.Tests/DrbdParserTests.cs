using FluentAssertions;
using SanChaos.Config.Drbd;
using Xunit;

namespace SanChaos.Config.Tests;

public sealed class DrbdParserTests
{
    [Fact]
    public void The_seeds_drbd_conf_without_braces_is_recovered_section_by_section()
    {
        var node = Fixtures.Load("seeds").Node("otter")!;
        var r = node.DrbdResource!;
        node.Drbd!.Syntax.Should().Be(DrbdSyntax.Drbd07);
        r.Name.Should().Be("r0");
        r.ProtocolValue.Should().Be("C");
        r.Find("startup", "wfc-timeout")!.Value.Should().Be("0");
        r.Find("net", "on-disconnect")!.Value.Should().Be("reconnect");
        r.Hosts.Select(h => (h.Name, h.Disk?.Value, h.Address)).Should().Equal(("weasel", "/dev/md3", null), ("otter", "/dev/md3", null));
        var syntax = node.Diagnostics.Where(d => d.Location.File == "drbd.conf" && !d.Problem.Contains("non-breaking")).ToArray();
        syntax.Select(d => d.Location.Line).Should().Equal(2, 8, 10, 12, 14, 18, 21, 21);
        syntax[0].Problem.Should().Be("'resource' cannot stand inside 'global' (line 1), which is not closed");
        syntax[0].Expected.Should().StartWith("'}' closing 'global'");
        syntax[^1].Expected.Should().Be("'}' closing 'resource r0'");
    }

    [Fact]
    public void The_seeds_non_breaking_spaces_are_reported_once_per_file()
    {
        var d = Fixtures.Load("seeds").Node("otter")!.Diagnostics.Where(x => x.Problem.Contains("non-breaking")).ToArray();
        d.Should().ContainSingle();
        d[0].Location.ToString().Should().Be("otter/drbd.conf:3");
        d[0].Problem.Should().Contain("18 lines");
    }

    [Fact]
    public void The_lab_drbd_conf_includes_drbd_d_and_reads_as_8_4()
    {
        var node = Fixtures.Load("embedded").Node("weasel")!;
        node.Diagnostics.Should().BeEmpty();
        node.Drbd!.Syntax.Should().Be(DrbdSyntax.Drbd8);
        node.Drbd.Files.Select(f => f.Path).Should().Equal("drbd.conf", "drbd.d/global_common.conf", "drbd.d/r0.res");
        var r = node.DrbdResource!;
        r.Section.Location.ToString().Should().Be("weasel/drbd.d/r0.res:9");
        r.Host("otter")!.Address!.Value.Should().Be("10.0.0.1:7788");
        r.Find("disk", "resync-rate")!.Value.Should().Be("30M");
        r.Fencing.Should().BeNull();
    }

    [Fact]
    public void DRBD_9_connections_and_common_options_are_found()
    {
        const string text = """
            common {
              net { after-sb-0pri discard-zero-changes; }
            }
            resource r0 {
              on alice { node-id 0; volume 0 { device /dev/drbd0; disk /dev/sdb1; meta-disk internal; } address 10.1.1.31:7000; }
              on bob   { node-id 1; volume 0 { device /dev/drbd0; disk /dev/sdb1; meta-disk internal; } address 10.1.1.32:7000; }
              connection {
                net { protocol C; fencing resource-and-stonith; }
              }
              handlers { fence-peer "/usr/lib/drbd/crm-fence-peer.9.sh"; }
            }
            """;
        var d = new List<ConfigDiagnostic>();
        var conf = DrbdConf.Parse([Fixtures.File("drbd.conf", text)], d)!;
        d.Should().BeEmpty();
        conf.Syntax.Should().Be(DrbdSyntax.Drbd9);
        var r = conf.Resource("r0")!;
        r.Fencing!.Value.Should().Be("resource-and-stonith");
        r.ProtocolValue.Should().Be("C");
        r.Find("net", "after-sb-0pri")!.Location.ToString().Should().Be("otter/drbd.conf:2");
        r.Host("bob")!.Disk!.Value.Should().Be("/dev/sdb1");
        r.FencePeerHandler!.Value.Should().Contain("crm-fence-peer");
    }

    [Fact]
    public void A_statement_without_semicolon_and_an_extra_brace_are_reported()
    {
        var d = new List<ConfigDiagnostic>();
        DrbdConf.Parse([Fixtures.File("drbd.conf", "resource r0 {\n  protocol C\n}\n}\n")], d);
        d.Select(x => (x.Location.Line, x.Expected)).Should().Equal((2, "';' after 'protocol C'"), (4, "no '}' here (every '}' closes a section opened with '{')"));
    }
}
