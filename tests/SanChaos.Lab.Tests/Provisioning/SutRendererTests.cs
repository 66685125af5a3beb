using FluentAssertions;
using Xunit;
using SanChaos.Core.Errors;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Lab.Tests.Provisioning;

[Trait("Category", "unit")]
public sealed class SutRendererTests
{
    private static readonly RenderedSut Embedded = new SutRenderer().Render(TestFiles.Embedded());

    private static string Text(string node, string path) => Embedded.File(node, path).Content;

    private static string[] Lines(string node, string path) =>
        Text(node, path).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public void Storage_nodes_get_drbd_lvm_heartbeat_and_target_files_and_the_client_gets_iscsi_and_multipath()
    {
        Embedded.FilesFor("otter").Select(f => (f.Path, f.Mode)).Should().BeEquivalentTo(new[]
        {
            ("/etc/drbd.d/global_common.conf", "0644"), ("/etc/drbd.d/r0.res", "0644"), ("/etc/lvm/lvmlocal.conf", "0644"),
            ("/etc/ha.d/ha.cf", "0644"), ("/etc/ha.d/authkeys", "0600"), ("/etc/ha.d/haresources", "0644"),
            ("/etc/init.d/arp_filter", "0755"), ("/etc/ha.d/resource.d/lio-target", "0755"), ("/etc/sanchaos/lio-target.conf", "0644"),
            ("/etc/modules-load.d/sanchaos-san.conf", "0644"),
        });
        Embedded.FilesFor("badger").Select(f => f.Path).Should().Equal("/etc/iscsi/iscsid.conf", "/etc/iscsi/initiatorname.iscsi", "/etc/multipath.conf", "/etc/modules-load.d/sanchaos-san.conf");
    }

    [Fact]
    public void Nothing_is_left_unrendered()
    {
        foreach (var (node, files) in Embedded.Nodes)
            foreach (var f in files.Where(f => !f.Template.StartsWith("scripts/", StringComparison.Ordinal)))
                f.Content.Should().NotContain("{{", $"{f.Path} on {node}");
    }

    [Fact]
    public void Ha_cf_carries_the_inventory_values_in_the_order_heartbeat_needs()
    {
        var l = Lines("otter", "/etc/ha.d/ha.cf");
        l.Should().ContainInOrder("keepalive 1", "deadtime 10", "warntime 5", "initdead 60", "udpport 694", "bcast eth1",
            "baud 9600", "serial /dev/ttyS1", "auto_failback off", "node otter", "node weasel", "crm no");
        l.Should().Contain("logfile /var/log/ha-log");
    }

    [Fact]
    public void Ha_cf_writes_sub_second_times_in_ms_and_honours_the_inventory()
    {
        var inv = TestFiles.EmbeddedWith("keepalive: 1 s", "keepalive: 500 ms").Sut.Heartbeat.Keepalive;
        inv.Should().Be(TimeSpan.FromMilliseconds(500));
        var r = new SutRenderer().Render(TestFiles.EmbeddedWith("keepalive: 1 s", "keepalive: 500 ms"));
        r.File("weasel", "/etc/ha.d/ha.cf").Content.Should().Contain("\nkeepalive 500ms\n");
        var on = new SutRenderer().Render(TestFiles.EmbeddedWith("auto_failback: false", "auto_failback: true"));
        on.File("weasel", "/etc/ha.d/ha.cf").Content.Should().Contain("\nauto_failback on\n");
    }

    [Fact]
    public void Haresources_is_one_line_with_the_preferred_node_and_the_floating_ip_interfaces()
    {
        Lines("otter", "/etc/ha.d/haresources").Should().Equal(
            "weasel drbddisk::r0 LVM::storage IPaddr2::192.168.1.1/24/eth2 IPaddr2::192.168.2.1/24/eth3 arp_filter lio-target");
        Text("weasel", "/etc/ha.d/haresources").Should().Be(Text("otter", "/etc/ha.d/haresources"));
    }

    [Fact]
    public void Authkeys_are_identical_on_both_nodes_mode_600_and_stable_across_renders()
    {
        var otter = Embedded.File("otter", "/etc/ha.d/authkeys");
        var weasel = Embedded.File("weasel", "/etc/ha.d/authkeys");
        otter.Mode.Should().Be("0600");
        otter.Content.Should().Be(weasel.Content);
        otter.Content.Should().MatchRegex(@"^auth 1\n1 sha1 sanchaos-[0-9a-f]{32}\n$");
        new SutRenderer().Render(TestFiles.Embedded()).File("otter", "/etc/ha.d/authkeys").Content.Should().Be(otter.Content);
    }

    [Fact]
    public void Authkeys_use_the_configured_secret()
    {
        Environment.SetEnvironmentVariable("SANCHAOS_TEST_AUTHKEY", "s3cret-key");
        try
        {
            var inv = TestFiles.EmbeddedWith("    preferred_node: weasel", "    preferred_node: weasel\n    auth_key: { env: SANCHAOS_TEST_AUTHKEY }");
            new SutRenderer().Render(inv).File("otter", "/etc/ha.d/authkeys").Content.Should().Be("auth 1\n1 sha1 s3cret-key\n");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SANCHAOS_TEST_AUTHKEY", null);
        }
    }

    [Fact]
    public void Drbd_resource_has_both_nodes_on_the_replication_addresses_and_8_4_options()
    {
        var res = Text("otter", "/etc/drbd.d/r0.res");
        res.Should().Contain("on otter { device /dev/drbd0; disk /dev/ubdb; address 10.0.0.1:7788; meta-disk internal; }");
        res.Should().Contain("on weasel { device /dev/drbd0; disk /dev/ubdb; address 10.0.0.2:7788; meta-disk internal; }");
        res.Should().Contain("protocol C;").And.Contain("resync-rate 30M;").And.Contain("on-io-error detach;").And.Contain("wfc-timeout 0;");
        res.Should().Contain("incon-degr-cmd    no longer exists", "the seeds' 0.7 option is explained, not silently dropped");
        Lines("otter", "/etc/drbd.d/r0.res").Should().NotContain(l => l.StartsWith("incon-degr-cmd", StringComparison.Ordinal) || l.StartsWith("syncer", StringComparison.Ordinal));
        res.Should().Be(Text("weasel", "/etc/drbd.d/r0.res"));
        Text("otter", "/etc/drbd.d/global_common.conf").Should().Contain("usage-count no;");
    }

    [Fact]
    public void Lvm_hides_the_backing_disk_and_ignores_the_devices_file()
    {
        var l = Lines("otter", "/etc/lvm/lvmlocal.conf");
        l.Should().Contain(x => x.StartsWith("global_filter", StringComparison.Ordinal) && x.Contains("\"r|^/dev/ubdb$|\"", StringComparison.Ordinal)
            && x.Contains("\"a|^/dev/drbd[0-9]+$|\"", StringComparison.Ordinal));
        l.Should().Contain("use_devicesfile = 0");
    }

    [Fact]
    public void Target_configuration_names_the_iqn_serial_volume_and_both_portals()
    {
        var conf = Text("weasel", "/etc/sanchaos/lio-target.conf");
        conf.Should().Contain("IQN='iqn.2009-02.com.example:test'").And.Contain("SERIAL='sanchaos-test-0'")
            .And.Contain("BACKING='/dev/storage/test'").And.Contain("BACKSTORE_NAME='storage-test'");
        conf.Should().Contain("PORTALS=\"$PORTALS 192.168.1.1:3260\"").And.Contain("PORTALS=\"$PORTALS 192.168.2.1:3260\"");
        conf.Should().Be(Text("otter", "/etc/sanchaos/lio-target.conf"), "both nodes export the same serial");
    }

    [Fact]
    public void Iscsid_conf_has_the_inventory_timeouts()
    {
        Lines("badger", "/etc/iscsi/iscsid.conf").Should().Contain(new[]
        {
            "node.startup = automatic", "node.conn[0].timeo.noop_out_interval = 5", "node.conn[0].timeo.noop_out_timeout = 10",
            "node.session.timeo.replacement_timeout = 15",
        });
        Lines("badger", "/etc/iscsi/initiatorname.iscsi").Should().Equal("InitiatorName=iqn.2009-02.com.example:badger");
    }

    [Fact]
    public void Multipath_conf_is_0_9_syntax_with_the_seeds_policy_above_the_hardware_table_and_the_mpio_alias()
    {
        var l = Lines("badger", "/etc/multipath.conf");
        l.Should().Contain(new[]
        {
            "polling_interval        10", "uid_attribute           ID_SERIAL", "user_friendly_names     no", "find_multipaths         no",
            "path_grouping_policy    multibus", "path_selector           \"round-robin 0\"", "path_checker            readsector0",
            "failback                immediate", "no_path_retry           fail", "rr_min_io_rq            100",
            "wwid                36001405acae000000000000000000000", "alias               mpio",
        });
        l.Should().NotContain(x => x.StartsWith("udev_dir", StringComparison.Ordinal) || x.StartsWith("getuid_callout", StringComparison.Ordinal)
            || x.StartsWith("prio_callout", StringComparison.Ordinal) || x.StartsWith("selector", StringComparison.Ordinal)
            || x.StartsWith("rr_min_io ", StringComparison.Ordinal) || x.StartsWith("fast_io_fail_tmo", StringComparison.Ordinal));
        l.Should().Contain(x => x.StartsWith("devnode", StringComparison.Ordinal) && x.Contains("ubd", StringComparison.Ordinal));
        Text("badger", "/etc/multipath.conf").Should().Contain("overrides {");
        Embedded.Wwid.Should().Be("36001405acae000000000000000000000");
    }

    [Fact]
    public void Multipath_conf_sets_fast_io_fail_tmo_only_when_the_inventory_does()
    {
        var inv = TestFiles.EmbeddedWith("    rr_min_io: 100", "    rr_min_io: 100\n    fast_io_fail_tmo: 15 s");
        var conf = new SutRenderer().Render(inv).File("badger", "/etc/multipath.conf").Content;
        conf.Should().Contain("    fast_io_fail_tmo        15\n");
        new SutRenderer().Render(inv).File("badger", "/etc/iscsi/iscsid.conf").Content.Should().Contain("fast_io_fail_tmo (15 s)");
    }

    [Fact]
    public void Multipath_conf_takes_an_observed_wwid()
    {
        var r = new SutRenderer().Render(TestFiles.Embedded(), wwid: "36001405ffffffffffffffffffffffffff");
        r.Wwid.Should().Be("36001405ffffffffffffffffffffffffff");
        r.File("badger", "/etc/multipath.conf").Content.Should().Contain("wwid                36001405ffffffffffffffffffffffffff");
    }

    [Fact]
    public void A_target_commands_yaml_does_not_describe_is_refused_with_an_error_that_says_what_to_use()
    {
        var dir = Directory.CreateTempSubdirectory("sanchaos-sut-");
        try
        {
            CopyTree(TestFiles.RepoPath(Path.Combine("lab", "sut")), dir.FullName);
            var commands = Path.Combine(dir.FullName, CommandCatalog.FileName);
            var text = File.ReadAllText(commands);
            var tgt = text.IndexOf("\n  tgt:\n", StringComparison.Ordinal);
            var end = text.IndexOf("\n\ncommands:", StringComparison.Ordinal);
            File.WriteAllText(commands, text[..tgt] + text[end..]);
            var act = () => new SutRenderer(SutData.FromDirectory(dir.FullName)).Render(TestFiles.EmbeddedWith("implementation: lio", "implementation: tgt"));
            act.Should().Throw<SanChaosException>().Which.Message.Should()
                .Contain("'tgt' is not one the SanChaos provisioner knows").And.Contain("`implementation: lio`").And.Contain("embedded.yaml");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void The_node_scripts_are_copied_verbatim_and_are_valid_shell()
    {
        foreach (var path in new[] { "/etc/init.d/arp_filter", "/etc/ha.d/resource.d/lio-target" })
        {
            var text = Text("otter", path);
            text.Should().StartWith("#!/bin/sh\n");
            TestShell.ShellSyntax(text).Should().BeEmpty(path);
        }
    }

    [Fact]
    public void Lio_target_status_and_stop_work_without_a_target()
    {
        var dir = Directory.CreateTempSubdirectory("sanchaos-lio-");
        try
        {
            var script = Path.Combine(dir.FullName, "lio-target");
            File.WriteAllText(script, Text("otter", "/etc/ha.d/resource.d/lio-target"));
            var conf = Path.Combine(dir.FullName, "lio-target.conf");
            File.WriteAllText(conf, Text("otter", "/etc/sanchaos/lio-target.conf"));
            var configfs = Path.Combine(dir.FullName, "no-configfs");
            Sh(script, conf, configfs, "status").Should().Be((3, "stopped"));
            Sh(script, conf, configfs, "stop").ExitCode.Should().Be(0, "stop is idempotent");
            Sh(script, conf, configfs, "bogus").ExitCode.Should().Be(2);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Lio_target_start_writes_the_configfs_attributes_in_order()
    {
        var block = TestShell.AnyBlockDevice();
        if (block is null) Assert.Skip("no block device in /dev to stand in for the LVM volume");
        var dir = Directory.CreateTempSubdirectory("sanchaos-lio-");
        try
        {
            var (cfs, core, tpg) = LioConfigfs.Create(dir.FullName);
            var script = Path.Combine(dir.FullName, "lio-target");
            File.WriteAllText(script, Text("otter", "/etc/ha.d/resource.d/lio-target"));
            var conf = Path.Combine(dir.FullName, "lio-target.conf");
            File.WriteAllText(conf, Text("otter", "/etc/sanchaos/lio-target.conf").Replace("/dev/storage/test", block, StringComparison.Ordinal));

            var start = Sh(script, conf, cfs, "start");
            start.ExitCode.Should().Be(0, start.Output);
            File.ReadAllText(Path.Combine(core, "control")).Should().Be($"udev_path={block}\n");
            File.ReadAllText(Path.Combine(core, "enable")).Should().Be("1\n");
            File.ReadAllText(Path.Combine(core, "wwn", "vpd_unit_serial")).Should().Be("sanchaos-test-0\n");
            new FileInfo(Path.Combine(tpg, "lun", "lun_0", "storage-test")).LinkTarget.Should().Be(core);
            Directory.Exists(Path.Combine(tpg, "np", "192.168.1.1:3260")).Should().BeTrue();
            Directory.Exists(Path.Combine(tpg, "np", "192.168.2.1:3260")).Should().BeTrue();
            foreach (var (attr, value) in new[] { ("authentication", "0"), ("generate_node_acls", "1"), ("cache_dynamic_acls", "1"), ("demo_mode_write_protect", "0") })
                File.ReadAllText(Path.Combine(tpg, "attrib", attr)).Should().Be(value + "\n", attr);
            File.ReadAllText(Path.Combine(tpg, "enable")).Should().Be("1\n");
            Sh(script, conf, cfs, "status").Should().Be((0, "running"));
            Sh(script, conf, cfs, "start").Should().Be((0, "lio-target: already running"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    internal static (int ExitCode, string Output) Sh(string script, string conf, string configfs, string op)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh", [script, op]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Point the script at its config and at a configfs root that does not exist (no target here).
        psi.Environment["LIO_TARGET_CONF"] = conf;
        psi.Environment["LIO_TARGET_CONFIGFS"] = configfs;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
