using FluentAssertions;
using SanChaos.Config.Lint;
using SanChaos.Config.Sources;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>Each rule on the clean lab configuration with one defect planted.</summary>
public sealed class RuleTests
{
    private static CollectedConfig Clean => Fixtures.Collected("clean/embedded");

    private static Finding[] Run(CollectedConfig c, string rule) => ConfigLint.Run(c.Parse(), Fixtures.EmbeddedLab).Of(rule).ToArray();

    [Fact]
    public void A_single_heartbeat_path_is_an_error_and_network_only_paths_a_warning()
    {
        Run(Clean.EditAll("ha.cf", s => s.Replace("serial /dev/ttyS1\n", "")), "hb.two-paths")
            .Should().HaveCount(2).And.AllSatisfy(f => f.Severity.Should().Be(Severity.Error));
        var net = Run(Clean.EditAll("ha.cf", s => s.Replace("serial /dev/ttyS1\n", "ucast eth2 192.168.1.3\n")), "hb.two-paths");
        net.Should().HaveCount(2).And.AllSatisfy(f => f.Severity.Should().Be(Severity.Warning));
    }

    [Fact]
    public void Serial_before_baud_leaves_the_serial_path_at_the_default_rate()
    {
        var f = Run(Clean.EditAll("ha.cf", s => s.Replace("baud 9600\nserial /dev/ttyS1\n", "serial /dev/ttyS1\nbaud 9600\n")), "hb.directive-order");
        f.Should().HaveCount(2);
        f[0].Message.Should().Be("'serial /dev/ttyS1' comes before 'baud 9600' (line 18)");
    }

    [Fact]
    public void Heartbeat_timing_relations()
    {
        Run(Clean.EditAll("ha.cf", s => s.Replace("deadtime 10", "deadtime 2")), "hb.deadtime-keepalive").Should().HaveCount(2).And.AllSatisfy(f => f.Severity.Should().Be(Severity.Error));
        Run(Clean.EditAll("ha.cf", s => s.Replace("warntime 5", "warntime 12")), "hb.warntime").Should().HaveCount(2);
        Run(Clean.EditAll("ha.cf", s => s.Replace("initdead 60", "initdead 15")), "hb.initdead").Should().HaveCount(2).And.AllSatisfy(f => f.Severity.Should().Be(Severity.Warning));
        Run(Clean.EditAll("ha.cf", s => s.Replace("initdead 60", "initdead 5")), "hb.initdead").Should().AllSatisfy(f => f.Severity.Should().Be(Severity.Error));
    }

    [Fact]
    public void A_deadtime_far_below_DRBDs_ping_interval_makes_drbddisk_give_up()
    {
        var f = Run(Clean.EditAll("ha.cf", s => s.Replace("deadtime 10", "deadtime 4").Replace("warntime 5", "warntime 3")), "hb.deadtime-drbd");
        f.Should().HaveCount(2);
        f[0].Message.Should().Contain("up to 10.5 s").And.Contain("drbddisk retries the promotion for 5 s");
        f[0].Fix.Should().Contain("deadtime of at least 6.5 s");
    }

    [Fact]
    public void Authkeys_readable_by_others_different_or_placeholder()
    {
        var c = Clean with { Nodes = Clean.Nodes.Select(n => n with { Files = n.Files.Select(f => f.Path == "authkeys" && n.Name == "weasel" ? f with { Mode = (UnixFileMode)0b110_100_100 } : f).ToArray() }).ToArray() };
        Run(c, "hb.authkeys-mode").Single().Location.ToString().Should().Be("weasel/authkeys");
        Run(Clean.Edit("weasel", "authkeys", s => s.Replace("sanchaos-", "other-")), "hb.authkeys-identical").Single().Message.Should().StartWith("weasel signs");
        Run(Clean.EditAll("authkeys", _ => "auth 1\n1 crc\n"), "hb.authkeys-key").Should().HaveCount(2);
    }

    [Fact]
    public void Haresources_that_differ_or_name_an_unknown_node()
    {
        Run(Clean.Edit("otter", "haresources", s => s.Replace(" arp_filter", "")), "hb.haresources-identical").Single().Message.Should().Contain("group 1");
        Run(Clean.EditAll("haresources", s => s.Replace("\nweasel drbddisk", "\nferret drbddisk")), "hb.nodes").Should().HaveCount(2);
        Run(Clean.Edit("otter", "ha.cf", s => s.Replace("node weasel\n", "")), "hb.nodes").Select(f => f.Message)
            .Should().Equal("ha.cf on otter has no `node weasel` (it lists otter)", "haresources names 'weasel', which is not a `node` of ha.cf");
        Run(Clean.Edit("otter", "ha.cf", s => s.Replace("deadtime 10", "deadtime 30")), "hb.hacf-identical").Single().Message.Should().Be("deadtime is 10 on weasel but 30 on otter");
    }

    [Fact]
    public void Fencing_needs_a_handler_and_the_outdater_needs_dopd()
    {
        Run(Clean.EditAll("drbd.d/r0.res", s => s.Replace("fence-peer \"/usr/lib/heartbeat/drbd-peer-outdater -t 5\";", "")), "drbd.fencing")
            .Should().HaveCount(2).And.AllSatisfy(f => f.Message.Should().Contain("without a fence-peer handler"));
        Run(Clean.EditAll("ha.cf", s => s.Replace("respawn hacluster /usr/lib/heartbeat/dopd\n", "")), "drbd.fencing")
            .Should().HaveCount(2).And.AllSatisfy(f => f.Message.Should().Contain("does not respawn dopd"));
    }

    [Fact]
    public void Protocol_A_is_an_error_B_a_warning_and_discarding_split_brain_policies_a_warning()
    {
        Run(Clean.EditAll("drbd.d/r0.res", s => s.Replace("protocol C;", "protocol A;")), "drbd.protocol").Should().AllSatisfy(f => f.Severity.Should().Be(Severity.Error));
        Run(Clean.EditAll("drbd.d/r0.res", s => s.Replace("protocol C;", "protocol B;")), "drbd.protocol").Should().AllSatisfy(f => f.Severity.Should().Be(Severity.Warning));
        var sb = Run(Clean.EditAll("drbd.d/r0.res", s => s.Replace("protocol C;", "protocol C;\n        after-sb-1pri discard-secondary;\n        after-sb-0pri discard-zero-changes;")), "drbd.after-sb");
        sb.Should().HaveCount(2).And.AllSatisfy(f => f.Message.Should().StartWith("after-sb-1pri discard-secondary"));
    }

    [Fact]
    public void A_host_section_missing_or_a_resource_that_differs()
    {
        Run(Clean.EditAll("drbd.d/r0.res", s => s.Replace("    on weasel { device /dev/drbd0; disk /dev/ubdb; address 10.0.0.2:7788; meta-disk internal; }\n", "")), "drbd.host-section")
            .Should().HaveCount(2).And.AllSatisfy(f => f.Message.Should().Contain("no `on weasel` section"));
        Run(Clean.Edit("weasel", "drbd.d/r0.res", s => s.Replace("resync-rate 30M", "resync-rate 100M")), "drbd.identical").Single().Message
            .Should().Contain("'disk / resync-rate 100M' on weasel, 'disk / resync-rate 30M' on otter");
    }

    [Fact]
    public void An_LVM_filter_that_accepts_the_backing_disk_or_rejects_the_DRBD_device()
    {
        Run(Clean.EditAll("lvmlocal.conf", s => s.Replace("\"r|^/dev/ubdb$|\", ", "")), "lvm.filter").Should().HaveCount(2).And.AllSatisfy(f => f.Message.Should().Contain("accepts /dev/ubdb"));
        Run(Clean.EditAll("lvmlocal.conf", s => s.Replace("\"r|^/dev/disk/|\", \"r|^/dev/block/|\", ", "")), "lvm.filter")
            .Should().HaveCount(2).And.AllSatisfy(f => f.Message.Should().Contain("rejects /dev/ubdb by its kernel name but accepts its udev aliases"));
        Run(Clean.EditAll("lvmlocal.conf", s => s.Replace("\"a|^/dev/drbd[0-9]+$|\", ", "\"r|^/dev/drbd|\", ")), "lvm.filter").Should().HaveCount(2).And.AllSatisfy(f => f.Message.Should().Contain("rejects /dev/drbd0"));
    }

    [Fact]
    public void An_iscsid_conf_edited_after_discovery_leaves_the_records_stale()
    {
        var f = Run(Clean.Edit("badger", "iscsid.conf", s => s.Replace("replacement_timeout = 15", "replacement_timeout = 120")), "iscsi.records-stale");
        f.Should().HaveCount(2);
        f[0].Location.ToString().Should().Be("badger/iscsid.conf:9");
        f[0].Message.Should().Contain("at 192.168.1.1:3260 still has 15 (badger/iscsiadm-node-records.txt:77)");
        f[0].Fix.Should().StartWith("iscsiadm -m node -T iqn.2009-02.com.example:test -p 192.168.1.1:3260 -o update -n node.session.timeo.replacement_timeout -v 120");
    }

    [Fact]
    public void Queue_is_reported_as_info_and_too_short_a_count_as_an_error()
    {
        static CollectedConfig Npr(string v) => Clean.Edit("badger", "multipath.conf", s => s.Replace("no_path_retry           12", "no_path_retry           " + v))
            .Edit("badger", "multipathd-show-config.txt", s => s.Replace("\tno_path_retry 12", "\tno_path_retry " + v));
        Run(Npr("queue"), "mpath.no-path-retry").Single().Severity.Should().Be(Severity.Info);
        Run(Npr("2"), "mpath.no-path-retry").Single().Severity.Should().Be(Severity.Error);
    }

    [Fact]
    public void Without_multipath_the_replacement_timeout_decides()
    {
        var c = Clean with
        {
            Nodes = Clean.Nodes.Select(n => n with { Files = n.Files.Where(f => !f.Path.StartsWith("multipath", StringComparison.Ordinal)).ToArray() }).ToArray(),
        };
        var f = Run(c, "iscsi.replacement-timeout").Single();
        f.Severity.Should().Be(Severity.Error);
        f.Location.ToString().Should().Be("badger/iscsiadm-node-records.txt:77");
        Run(c.Edit("badger", "iscsiadm-node-records.txt", s => s.Replace("replacement_timeout = 15", "replacement_timeout = 180")), "iscsi.replacement-timeout").Should().BeEmpty();
    }

    [Fact]
    public void Chap_settings_missing_from_the_records_are_stale_and_their_secret_is_never_shown()
    {
        const string secret = "Initiator-Secret-1";
        var chap = Clean.Edit("badger", "iscsid.conf", s => s + $"node.session.auth.authmethod = CHAP\nnode.session.auth.username = alice\nnode.session.auth.password = {secret}\n");
        var stale = Run(chap, "iscsi.records-stale");
        stale.Select(f => f.Message[..f.Message.IndexOf(", but", StringComparison.Ordinal)]).Distinct().Should().Equal(
            "iscsid.conf sets node.session.auth.authmethod = CHAP", "iscsid.conf sets node.session.auth.username = alice",
            "iscsid.conf sets node.session.auth.password = (a secret, not shown)");
        stale.Should().AllSatisfy(f => (f.Message + f.Fix).Should().NotContain(secret));
        // iscsiadm prints a record's secret as ********: a record that has one is not stale for it.
        var applied = chap.Edit("badger", "iscsiadm-node-records.txt", s => s.Replace("node.session.auth.authmethod = None", "node.session.auth.authmethod = CHAP")
            .Replace("node.session.auth.username = <empty>", "node.session.auth.username = alice").Replace("node.session.auth.password = <empty>", "node.session.auth.password = ********"));
        Run(applied, "iscsi.records-stale").Should().BeEmpty();
    }
}
