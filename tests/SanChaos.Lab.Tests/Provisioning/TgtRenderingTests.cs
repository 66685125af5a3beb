using FluentAssertions;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;
using Xunit;

namespace SanChaos.Lab.Tests.Provisioning;

/// <summary><c>implementation: tgt</c>: what a tgt build renders, its Heartbeat resource, its WWID and its commands.</summary>
[Trait("Category", "unit")]
public sealed class TgtRenderingTests
{
    private static readonly Inventory.Model.LabInventory Tgt = TestFiles.EmbeddedWith("implementation: lio", "implementation: tgt");

    private static readonly RenderedSut Rendered = new SutRenderer().Render(Tgt);

    private static string Text(string node, string path) => Rendered.File(node, path).Content;

    private static string[] Lines(string node, string path) =>
        Text(node, path).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public void Tgt_is_accepted_and_its_values_come_from_the_targets_section()
    {
        var v = SutValues.For(Tgt, "otter");
        (v["target_agent"], v["target_script"], v["target_conf"], v["target_name"]).Should()
            .Be(("tgt-target", "/etc/ha.d/resource.d/tgt-target", "/etc/tgt/conf.d/sanchaos.conf", "tgt"));
        v.TryGetFlag("tgt", out var tgt).Should().BeTrue();
        v.TryGetFlag("lio", out var lio).Should().BeTrue();
        (tgt, lio).Should().Be((true, false));
        SutValues.For(TestFiles.Embedded())["target_agent"].Should().Be("lio-target", "lio stays the default");
        SutValues.For(TestFiles.Embedded() with { Sut = TestFiles.Embedded().Sut.WithBuild("6.1/bookworm/tgt", "$SANCHAOS_BUILD") })["target_agent"]
            .Should().Be("tgt-target", "a build override picks the target too");
    }

    [Fact]
    public void Storage_nodes_get_the_tgt_script_and_configuration_mode_600_and_no_lio_files()
    {
        Rendered.FilesFor("weasel").Select(f => (f.Path, f.Mode)).Should().BeEquivalentTo(new[]
        {
            ("/etc/drbd.d/global_common.conf", "0644"), ("/etc/drbd.d/r0.res", "0644"), ("/etc/lvm/lvmlocal.conf", "0644"),
            ("/etc/ha.d/ha.cf", "0644"), ("/etc/ha.d/authkeys", "0600"), ("/etc/ha.d/haresources", "0644"),
            ("/etc/init.d/arp_filter", "0755"), ("/etc/ha.d/resource.d/tgt-target", "0755"), ("/etc/tgt/conf.d/sanchaos.conf", "0600"),
            ("/etc/modules-load.d/sanchaos-san.conf", "0644"),
        });
        Text("otter", "/etc/modules-load.d/sanchaos-san.conf").Should().Be(
            "# Written by SanChaos provisioning: the modules the SAN needs, loaded at every boot (as on a provisioned server).\ndrbd\ndm_mod\n");
    }

    [Fact]
    public void A_tgt_build_renders_this_target_configuration()
    {
        Text("weasel", "/etc/tgt/conf.d/sanchaos.conf").Should().Be("""
            # Rendered by SanChaos from embedded.yaml (lab embedded); changes made on the node are overwritten.
            # The SAN's target for tgt, the role IET had in the seeds (part 4). tgt-admin reads it when /etc/ha.d/resource.d/tgt-target starts tgtd
            # on the node that takes the resource group (tgt.service runs `tgt-admin -e -c /etc/tgt/targets.conf`, which includes
            # /etc/tgt/conf.d/*.conf). Mode 0600: with CHAP it holds the secrets.
            <target iqn.2009-02.com.example:test>
                # The LVM volume on DRBD as LUN 1 (tgt's LUN 0 is its controller).
                <backing-store /dev/storage/test>
                    lun 1
                    # Identical on both storage nodes: scsi_id makes the LUN's NAA WWID (3600000000000000000a0c0a0000e0000), so the client's multipath sees one device.
                    scsi_id sanchaos-test-0
                    scsi_sn sanchaos-test-0
                    # Write-through, as the seeds' IET (iomode wt) and LIO's iblock: a write is acknowledged once it is on DRBD.
                    write-cache off
                </backing-store>
            </target>

            """);
        Text("otter", "/etc/tgt/conf.d/sanchaos.conf").Should().Be(Text("weasel", "/etc/tgt/conf.d/sanchaos.conf"), "both nodes give the same scsi_id");
    }

    [Fact]
    public void Haresources_starts_the_tgt_resource_last()
    {
        Lines("otter", "/etc/ha.d/haresources").Should().Equal(
            "weasel drbddisk::r0 LVM::storage IPaddr2::192.168.1.1/24/eth2 IPaddr2::192.168.2.1/24/eth3 arp_filter tgt-target");
        Text("otter", "/etc/ha.d/haresources").Should().Contain("the IET target replaced by tgt (tgtd, user space)");
    }

    [Theory]
    // tgt's own default scsi_id of target 1, LUN 1 ("IET", 5 blanks, tid and LUN in 4 hex digits each): the WWID clients
    // of a default tgt report.
    [InlineData("IET     00010001", "360000000000000000e00000000010001")]
    [InlineData("sanchaos-test-0", "3600000000000000000a0c0a0000e0000")]
    [InlineData("0123456789abcdef0123456789ABCDEF", "36123456789abcdef0123456789abcdef")]
    // Only the last 32 of at most 36 characters count; the 37th and later are dropped by tgt first.
    [InlineData("ffff0123456789abcdef0123456789abcdef9999", "36123456789abcdef0123456789abcdef")]
    public void The_wwid_of_a_tgt_lun_comes_from_its_scsi_id(string scsiId, string wwid)
    {
        TgtWwid.FromScsiId(scsiId).Should().Be(wwid).And.HaveLength(33);
    }

    [Fact]
    public void Multipath_conf_names_the_tgt_wwid()
    {
        Rendered.Wwid.Should().Be("3600000000000000000a0c0a0000e0000");
        Lines("badger", "/etc/multipath.conf").Should().Contain("wwid                3600000000000000000a0c0a0000e0000");
    }

    [Fact]
    public void A_serial_tgt_cannot_carry_is_refused()
    {
        var tgt = () => new SutRenderer().Render(TestFiles.EmbeddedWith("implementation: lio\n    iqn: iqn.2009-02.com.example:test\n    unit_serial: sanchaos-test-0",
            "implementation: tgt\n    iqn: iqn.2009-02.com.example:test\n    unit_serial: " + new string('x', 37)));
        tgt.Should().Throw<Core.Errors.SanChaosException>().Which.Message.Should().Contain("it has 37 characters, tgt keeps 36");
    }

    [Fact]
    public void Every_command_renders_for_a_tgt_lab_and_the_target_probes_use_tgt()
    {
        var cat = CommandCatalog.Default;
        foreach (var node in Tgt.Nodes.Select(n => n.Name))
        {
            var v = SutValues.For(Tgt, node).With("peer", "weasel").With("link", "eth1").With("portal", "192.168.1.1:3260")
                .With("interface", "eth1").With("address", "192.168.1.1").With("param", "node.startup").With("value", "automatic").With("dirs", "/etc").With("seconds", "10");
            foreach (var name in cat.CommandNames)
                cat.Command(name, v).Should().NotContain("{{", $"{name} on {node}").And.NotContain("/sys/kernel/config/target", $"{name} on {node}");
        }

        var otter = SutValues.For(Tgt, "otter");
        cat.Command("target_status", otter).Should().Be("/etc/ha.d/resource.d/tgt-target status");
        cat.Command("observe_storage", otter).Should().Contain(
            "t=absent; [ -e /run/sanchaos/tgt-target.active ] && { t=0; while read -r _ a _ st _; do case $a:$st in *:0CBC:0A) t=1;; esac; done < /proc/net/tcp; }; c=\"drbd=[$d] target=$t\";");
    }

    [Fact]
    public void The_lio_sampler_and_modules_are_what_they_were()
    {
        var v = SutValues.For(TestFiles.Embedded(), "otter");
        var cat = CommandCatalog.Default;
        cat.Command("observe_storage", v).Should().Contain(
            "< /proc/drbd; t=absent; [ -r /sys/kernel/config/target/iscsi/iqn.2009-02.com.example:test/tpgt_1/enable ] && read -r t < /sys/kernel/config/target/iscsi/iqn.2009-02.com.example:test/tpgt_1/enable; c=\"drbd=[$d] target=$t\";");
        cat.Command("modules_storage", v).Should().StartWith("for m in drbd dm_mod target_core_mod target_core_iblock iscsi_target_mod; do modprobe $m || exit 1; done;");
    }

    [Fact]
    public void The_tgt_script_is_copied_verbatim_valid_shell_and_keeps_the_marker_the_sampler_reads()
    {
        var script = Text("otter", "/etc/ha.d/resource.d/tgt-target");
        script.Should().StartWith("#!/bin/sh\n");
        TestShell.ShellSyntax(script).Should().BeEmpty();
        script.Should().Contain("STATE=${TGT_TARGET_STATE:-" + SutValues.For(Tgt)["tgt_marker"] + "}");
        script.Should().Contain("CONF=${TGT_TARGET_CONF:-" + SutValues.For(Tgt)["target_conf"] + "}");
    }
}
