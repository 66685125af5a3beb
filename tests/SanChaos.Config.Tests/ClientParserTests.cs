using FluentAssertions;
using SanChaos.Config.Iscsi;
using SanChaos.Config.Lvm;
using SanChaos.Config.Multipath;
using Xunit;

namespace SanChaos.Config.Tests;

public sealed class ClientParserTests
{
    [Fact]
    public void The_lab_node_records_are_read_one_per_portal()
    {
        var badger = Fixtures.Load("embedded").Node("badger")!;
        badger.IscsiRecords.Select(r => r.Portal).Should().Equal("192.168.1.1:3260", "192.168.2.1:3260");
        badger.IscsiRecords[0].Target.Should().Be("iqn.2009-02.com.example:test");
        badger.IscsiRecords[0].Get("node.session.timeo.replacement_timeout")!.Location.ToString().Should().Be("badger/iscsiadm-node-records.txt:77");
        badger.IscsiRecords[0].Get("iface.net_ifacename")!.Values.Should().BeEmpty("<empty> reads as empty");
        badger.IscsiNodes.Select(n => (n.Portal, n.Tpgt, n.Target)).Should().Equal(
            ("192.168.1.1:3260", "4294967295", "iqn.2009-02.com.example:test"), ("192.168.2.1:3260", "4294967295", "iqn.2009-02.com.example:test"));
        badger.Iscsid!.Get("node.session.timeo.replacement_timeout")!.Value.Should().Be("15");
    }

    [Fact]
    public void A_record_that_does_not_end_and_a_line_without_equals_are_reported()
    {
        var d = new List<ConfigDiagnostic>();
        IscsiNodeRecord.ParseAll(Fixtures.File("iscsiadm-node-records.txt", "# BEGIN RECORD 2.1.8\nnode.name = iqn.x\n", "badger"), d).Should().BeEmpty();
        IscsidConf.Parse(Fixtures.File("iscsid.conf", "node.startup automatic\n", "badger"), d);
        d.Select(x => x.ToString()).Should().Equal(
            "badger/iscsiadm-node-records.txt:2: the record of line 1 does not end; expected '# END RECORD'",
            "badger/iscsid.conf:1: 'node.startup automatic' has no '='; expected 'key = value' (e.g. node.session.timeo.replacement_timeout = 15)");
    }

    [Fact]
    public void Multipathd_show_config_resolves_like_multipathd_overrides_beat_the_hardware_table()
    {
        var shown = Fixtures.Load("embedded").Node("badger")!.MultipathShown!;
        shown.Resolve("no_path_retry", "36001405acae000000000000000000000", "LIO-ORG")!.Cite
            .Should().Be("badger/multipathd-show-config.txt:141 no_path_retry fail (overrides)");
        var d = new List<ConfigDiagnostic>();
        var withoutOverrides = MultipathConf.Parse(Fixtures.File("show.txt", shown.File.Text.Replace("\tno_path_retry \"fail\"\n", ""), "badger"), d);
        withoutOverrides.Resolve("no_path_retry", null, "LIO-ORG")!.Section.Should().Be("devices, vendor \"(LIO-ORG|SUSE)\"");
        withoutOverrides.Resolve("no_path_retry", null, "IET").Should().BeNull("no defaults entry and no matching device");
        withoutOverrides.Resolve("fast_io_fail_tmo", null, "IET")!.Entry.Value.Should().Be("5");
        d.Should().BeEmpty();
    }

    [Fact]
    public void The_seeds_multipath_conf_without_braces_is_recovered()
    {
        var badger = Fixtures.Load("seeds").Node("badger")!;
        var mp = badger.Multipath!;
        mp.Defaults!.Entry("no_path_retry")!.Location.ToString().Should().Be("badger/multipath.conf:12");
        mp.Blacklist!.Entries.Select(e => e.Value).Should().Equal("^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]*", "^hd[a-z][[0-9]*]");
        mp.Multipaths.Single().Entry("alias")!.Value.Should().Be("mpio");
        badger.Diagnostics.Select(x => x.Location.Line).Should().Equal(2, 14, 17, 20, 20);
    }

    [Fact]
    public void Lvm_filters_follow_lvm_conf_and_lvmlocal_conf()
    {
        var lab = Fixtures.Load("embedded").Node("otter")!.Lvm!;
        lab.Filter.Should().BeNull("the package's lvm.conf sets nothing");
        lab.GlobalFilter!.Entry.Location.ToString().Should().Be("otter/lvmlocal.conf:8");
        lab.Accepts(["/dev/drbd0"]).Should().BeTrue();
        lab.Accepts(["/dev/ubdb"]).Should().BeFalse();
        lab.Accepts(["/dev/ubdb", "/dev/disk/by-id/x"]).Should().BeFalse();

        var seeds = Fixtures.Load("seeds").Node("otter")!.Lvm!;
        seeds.Accepts(["/dev/md3"]).Should().BeFalse();
        seeds.Accepts(["/dev/md3", "/dev/disk/by-id/md-uuid-1234"]).Should().BeFalse("names that match no pattern do not count");
        seeds.Accepts(["/dev/disk/by-id/md-uuid-1234"]).Should().BeTrue("a device whose names match no pattern is accepted");
    }

    [Fact]
    public void An_unclosed_lvm_list_and_a_bad_pattern_are_reported()
    {
        var d = new List<ConfigDiagnostic>();
        var lvm = LvmConf.Parse([Fixtures.File("lvm.conf", "devices {\n  filter = [ \"a|^/dev/drbd|\", \"x/dev/sda/\", \"r|[|\" \n")], d)!;
        lvm.Filter!.Patterns.Should().HaveCount(2);
        d.Select(x => x.Expected).Should().Contain(["']' after the last element", "\"a|regex|\" to accept or \"r|regex|\" to reject", "a regular expression between the delimiters"]);
        d.Should().Contain(x => x.Problem.Contains("'devices' (line 1) is still open"));
    }

    [Fact]
    public void Arp_filter_is_effective_when_all_or_the_interface_is_on()
    {
        var c = Fixtures.Load("embedded");
        c.Node("weasel")!.ArpFilter!.Effective("eth2").Should().BeTrue();
        c.Node("otter")!.ArpFilter!.Effective("eth2").Should().BeFalse();
        c.Node("otter")!.ArpFilter!.Interfaces.Should().Equal("eth0", "eth1", "eth2", "eth3");
        Fixtures.Load("clean/embedded").Node("otter")!.ArpFilter!.Effective("eth2").Should().BeTrue();
    }
}
