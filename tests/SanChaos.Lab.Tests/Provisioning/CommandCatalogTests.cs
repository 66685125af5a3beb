using FluentAssertions;
using Xunit;
using SanChaos.Core.Errors;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Lab.Tests.Provisioning;

[Trait("Category", "unit")]
public sealed class CommandCatalogTests
{
    [Fact]
    public void Every_command_renders_for_every_node_with_the_values_a_step_adds()
    {
        var inv = TestFiles.Embedded();
        var cat = CommandCatalog.Default;
        foreach (var node in inv.Nodes.Select(n => n.Name))
        {
            var v = SutValues.For(inv, node).With("peer", "weasel").With("link", "eth1").With("portal", "192.168.1.1:3260")
                .With("interface", "eth1").With("address", "192.168.1.1").With("param", "node.startup").With("value", "automatic").With("dirs", "/etc").With("seconds", "10");
            foreach (var name in cat.CommandNames)
                cat.Command(name, v).Should().NotContain("{{", $"{name} on {node}");
        }
    }

    [Fact]
    public void Every_pattern_compiles()
    {
        foreach (var name in CommandCatalog.Default.PatternNames)
            CommandCatalog.Default.Pattern(name).Should().NotBeNull(name);
    }

    [Fact]
    public void Commands_are_filled_from_the_inventory()
    {
        var inv = TestFiles.Embedded();
        var cat = CommandCatalog.Default;
        cat.Command("drbd_create_md", SutValues.For(inv, "otter")).Should().Be(
            "md=$(drbdadm dump-md r0 2>&1); case \"$md\" in *\"No valid meta data found\"*) drbdadm -- --force create-md r0 ;; esac");
        cat.Command("lvm_lv", SutValues.For(inv, "weasel")).Should().Be("lvs storage/test >/dev/null 2>&1 || lvcreate -y -Wy -L 128M -n test storage");
        cat.Command("probe_write", SutValues.For(inv, "badger")).Should().Contain("of=/dev/mapper/mpio").And.Contain("oflag=direct");
        cat.Command("hb_nodestatus", SutValues.For(inv, "otter")).Should().Be("cl_status nodestatus weasel");
        cat.IscsiNodeParameters.Select(p => p.Key).Should().Equal("node.startup", "node.conn[0].timeo.noop_out_interval",
            "node.conn[0].timeo.noop_out_timeout", "node.session.timeo.replacement_timeout");
    }

    [Fact]
    public void A_missing_command_says_which_exist()
    {
        var act = () => CommandCatalog.Default.Template("no_such_command");
        act.Should().Throw<SanChaosException>().Which.Remedy.Should().Contain("proc_drbd");
    }

    [Fact]
    public void A_directory_copy_of_lab_sut_is_the_same_data_as_the_embedded_one()
    {
        var fromDisk = CommandCatalog.Load(SutData.FromDirectory(TestFiles.RepoPath(Path.Combine("lab", "sut"))));
        fromDisk.CommandNames.Should().BeEquivalentTo(CommandCatalog.Default.CommandNames);
        var inv = TestFiles.Embedded();
        new SutRenderer(SutData.FromDirectory(TestFiles.RepoPath(Path.Combine("lab", "sut")))).Render(inv).Nodes["otter"]
            .Should().BeEquivalentTo(new SutRenderer().Render(inv).Nodes["otter"]);
    }
}
