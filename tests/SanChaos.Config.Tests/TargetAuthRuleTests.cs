using FluentAssertions;
using SanChaos.Config.Lint;
using SanChaos.Config.Sources;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Config.Tests;

/// <summary>
/// <c>iscsi.target-auth</c> on the configuration SanChaos renders for the embedded lab (LIO and tgt, with and without CHAP), on
/// the recorded lab configuration with that target configuration added, and on LIO's configfs state in the collection's format.
/// </summary>
public sealed class TargetAuthRuleTests : IDisposable
{
    private const string Rule = "iscsi.target-auth";
    private const string Secret = "Initiator-Secret-1";
    private const string SerialLine = "    unit_serial: sanchaos-test-0";
    private static readonly string EmbeddedPath = Path.Combine(Core.Repository.Root(), "lab", "embedded.yaml");

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("sanchaos-target-auth-");

    public TargetAuthRuleTests() => File.WriteAllText(SecretFile, Secret + "\n");

    private string SecretFile => Path.Combine(dir.FullName, "chap");

    public void Dispose() => dir.Delete(true);

    private LabInventory Inventory(string implementation = "lio", bool chap = false)
    {
        var text = File.ReadAllText(EmbeddedPath).Replace("implementation: lio", $"implementation: {implementation}", StringComparison.Ordinal);
        if (chap) text = text.Replace(SerialLine, SerialLine + $"\n    chap: {{ user: alice, password: {{ file: {SecretFile} }} }}", StringComparison.Ordinal);
        return InventoryLoader.Parse(EmbeddedPath, text);
    }

    private static Finding[] Run(CollectedConfig c) => ConfigLint.Run(c.Parse(), Fixtures.EmbeddedLab).Of(Rule).ToArray();

    private static string[] Summary(IEnumerable<Finding> findings) => findings.Select(f => $"{f.Severity.ToString().ToLowerInvariant()} {f.Location}: {f.Message}").ToArray();

    [Fact]
    public void The_embedded_lab_as_rendered_has_an_open_LIO_target_which_is_only_noted_there()
    {
        var findings = Run(RenderedConfig.From(Inventory()));
        Summary(findings).Should().Equal(
            "info otter/lio-target.conf: lio-target.conf on otter builds iqn.2009-02.com.example:test without CHAP (no AUTH='1': demo mode, authentication=0, any initiator)",
            "info weasel/lio-target.conf: lio-target.conf on weasel builds iqn.2009-02.com.example:test without CHAP (no AUTH='1': demo mode, authentication=0, any initiator)");
        findings[0].Why.Should().Contain("read or overwrite the LUN").And.Contain("only noted here");
        findings[0].Fix.Should().Contain("chap: { user: <name>, password: { file: <path, mode 600> } }");
    }

    [Fact]
    public void On_a_rack_the_open_target_is_an_error_and_in_a_folder_of_unknown_lab_a_warning()
    {
        Run(RenderedConfig.From(Inventory()) with { Kind = LabKind.Hardware }).Should().HaveCount(2)
            .And.AllSatisfy(f => f.Severity.Should().Be(Severity.Error)).And.AllSatisfy(f => f.Why.Should().Contain("On a rack"));
        Run(RenderedConfig.From(Inventory()) with { Kind = null }).Should().HaveCount(2)
            .And.AllSatisfy(f => f.Severity.Should().Be(Severity.Warning)).And.AllSatisfy(f => f.Why.Should().Contain(".lab-kind"));
    }

    [Fact]
    public void With_chap_neither_LIO_nor_tgt_is_flagged_even_on_a_rack()
    {
        Run(RenderedConfig.From(Inventory(chap: true)) with { Kind = LabKind.Hardware }).Should().BeEmpty();
        Run(RenderedConfig.From(Inventory("tgt", chap: true)) with { Kind = LabKind.Hardware }).Should().BeEmpty();
    }

    [Fact]
    public void A_tgt_target_without_incominguser_is_flagged_at_its_target_line()
    {
        Summary(Run(RenderedConfig.From(Inventory("tgt")))).Should().Equal(
            "info otter/tgt/conf.d/sanchaos.conf:5: tgt target iqn.2009-02.com.example:test on otter has no incominguser: it takes logins without CHAP from any initiator",
            "info weasel/tgt/conf.d/sanchaos.conf:5: tgt target iqn.2009-02.com.example:test on weasel has no incominguser: it takes logins without CHAP from any initiator");
    }

    [Fact]
    public void The_recorded_lab_with_its_target_configuration_added_is_flagged_and_with_chap_is_not()
    {
        // The recorded fixture (2026-11-29) predates the target files in the layout: add the rendered ones, as a new recording would have them.
        CollectedConfig With(bool chap)
        {
            var rendered = RenderedConfig.From(Inventory(chap: chap));
            return new[] { "otter", "weasel" }.Aggregate(Fixtures.Collected("embedded") with { Kind = LabKind.Embedded }, (c, n) =>
                c.WithFile(n, "lio-target.conf", rendered.Nodes.Single(x => x.Name == n).Files.Single(f => f.Path == "lio-target.conf").Text));
        }

        Run(With(chap: false)).Select(f => f.Location.ToString()).Should().Equal("otter/lio-target.conf", "weasel/lio-target.conf");
        Run(With(chap: true)).Should().BeEmpty();
        ConfigLint.Run(With(chap: true).Parse(), Fixtures.EmbeddedLab).Findings.Select(f => f.Rule).Should().NotContain(Rule)
            .And.Contain("drbd.fencing", "the other findings of the recorded lab stay");
    }

    [Fact]
    public void LIO_state_in_configfs_wins_over_the_configuration_file()
    {
        // lio-tpg.txt as the collection command prints it (written for this test in that format; the lab run records a real one).
        var c = RenderedConfig.From(Inventory(chap: true))
            .WithFile("weasel", "lio-tpg.txt", "iqn.2009-02.com.example:test/tpgt_1 authentication=0 generate_node_acls=1 acls=0 enable=1\n");
        Summary(Run(c)).Should().Equal(
            "info weasel/lio-tpg.txt:1: LIO target iqn.2009-02.com.example:test tpgt_1 on weasel takes logins without CHAP (authentication=0; demo mode, generate_node_acls=1: any initiator)");
        var acl = c.WithFile("weasel", "lio-tpg.txt", "iqn.2009-02.com.example:test/tpgt_1 authentication=0 generate_node_acls=0 acls=1 enable=1\n");
        Run(acl).Single().Message.Should().EndWith("(authentication=0; 1 ACL(s) by initiator name only)");
        Run(c.WithFile("weasel", "lio-tpg.txt", "iqn.2009-02.com.example:test/tpgt_1 authentication=1 generate_node_acls=0 acls=1 enable=1\n")).Should().BeEmpty();
        Run(c.WithFile("weasel", "lio-tpg.txt", "garbage\n")).Should().BeEmpty();
        ConfigLint.Run(c.WithFile("weasel", "lio-tpg.txt", "garbage\n").Parse()).Of("config.syntax").Single().Location.ToString().Should().Be("weasel/lio-tpg.txt:1");
    }

    [Fact]
    public void A_tgt_block_without_its_end_is_a_syntax_error_and_secrets_never_reach_the_lint()
    {
        var chap = RenderedConfig.From(Inventory("tgt", chap: true));
        var text = ConfigLint.Run(chap.Parse()).ToText() + ConfigLint.Run(chap.Parse()).ToJson();
        text.Should().NotContain(Secret);
        var broken = chap.Edit("otter", "tgt/conf.d/sanchaos.conf", s => s.Replace("</target>", "", StringComparison.Ordinal));
        ConfigLint.Run(broken.Parse()).Of("config.syntax").Single().Message.Should().Contain("a <target> block that does not end");
    }

    [Fact]
    public void The_rendered_configuration_lands_under_the_layout_paths_with_its_modes()
    {
        RenderedConfig.FolderPath("/etc/drbd.d/r0.res").Should().Be("drbd.d/r0.res");
        RenderedConfig.FolderPath("/etc/tgt/conf.d/sanchaos.conf").Should().Be("tgt/conf.d/sanchaos.conf");
        RenderedConfig.FolderPath("/etc/tgt/conf.d/sub/x.conf").Should().BeNull();
        RenderedConfig.FolderPath("/etc/ha.d/resource.d/lio-target").Should().BeNull();
        var c = RenderedConfig.From(Inventory(chap: true));
        c.Kind.Should().Be(LabKind.Embedded);
        c.Nodes.Single(n => n.Name == "otter").Files.Select(f => $"{f.ModeText} {f.Path}").Should().BeEquivalentTo(
            "644 drbd.d/global_common.conf", "644 drbd.d/r0.res", "644 lvmlocal.conf", "644 ha.cf", "600 authkeys", "644 haresources", "644 lio-target.conf");
        c.Nodes.Single(n => n.Name == "badger").Files.Select(f => $"{f.ModeText} {f.Path}").Should().BeEquivalentTo("600 iscsid.conf", "644 multipath.conf");
    }

    [Fact]
    public void A_saved_folder_keeps_the_lab_kind_and_private_files_private()
    {
        var c = RenderedConfig.From(Inventory("tgt", chap: true)) with { Kind = LabKind.Hardware };
        var folder = Path.Combine(dir.FullName, "saved");
        ConfigFolder.Write(c, folder);
        File.ReadAllText(Path.Combine(folder, ConfigLayout.LabKindFile)).Should().Be("hardware\n");
        File.GetUnixFileMode(Path.Combine(folder, "otter", "tgt", "conf.d", "sanchaos.conf")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(folder, "badger", "iscsid.conf")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var back = ConfigFolder.Load(folder);
        back.Kind.Should().Be(LabKind.Hardware);
        Run(back.EditAll("tgt/conf.d/sanchaos.conf", s => s.Replace($"    incominguser alice {Secret}\n", "", StringComparison.Ordinal)))
            .Should().HaveCount(2).And.AllSatisfy(f => f.Severity.Should().Be(Severity.Error));

        File.WriteAllText(Path.Combine(folder, ConfigLayout.LabKindFile), "rack\n");
        var act = () => ConfigFolder.Load(folder);
        act.Should().Throw<ConfigInputException>().Which.Message.Should().Contain($"{ConfigLayout.LabKindFile}:1: 'rack' is not a lab kind").And.Contain("hardware");
    }

    [Fact]
    public void The_collection_reads_the_target_configuration_of_both_targets()
    {
        var script = LabConfigCollector.Script(NodeRole.Storage);
        script.Should().Contain("f /etc/sanchaos/lio-target.conf lio-target.conf").And.Contain("/sys/kernel/config/target/iscsi/*/tpgt_*")
            .And.Contain("c lio-tpg.txt").And.Contain("f /etc/tgt/targets.conf tgt/targets.conf").And.Contain("for x in /etc/tgt/conf.d/*.conf; do f \"$x\" \"tgt/conf.d/${x##*/}\"; done");
    }
}
