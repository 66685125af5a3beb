using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Lab.Tests.State.Fakes;
using SanChaos.Labs.Provisioning;
using Xunit;

namespace SanChaos.Lab.Tests.Provisioning;

/// <summary>
/// <c>sut.iscsi_target.chap</c>: the exact lines CHAP adds to the LIO and tgt configuration and to open-iscsi's, the files
/// that hold secrets (mode 0600), and that the secrets appear in no command or message.
/// </summary>
[Trait("Category", "unit")]
public sealed class ChapRenderingTests : IDisposable
{
    private const string Secret = "Initiator-Secret-1";
    private const string MutualSecret = "Target-Secret-22";
    private const string SerialLine = "    unit_serial: sanchaos-test-0";

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("sanchaos-chap-");

    public ChapRenderingTests()
    {
        File.WriteAllText(SecretFile, Secret + "\n");
        File.WriteAllText(MutualFile, MutualSecret + "\n");
    }

    private string SecretFile => Path.Combine(dir.FullName, "chap");

    private string MutualFile => Path.Combine(dir.FullName, "chap-mutual");

    public void Dispose() => dir.Delete(true);

    private LabInventory Inventory(bool mutual = false, string implementation = "lio") => TestFiles.EmbeddedWith(
        "implementation: lio\n    iqn: iqn.2009-02.com.example:test\n" + SerialLine,
        $"implementation: {implementation}\n    iqn: iqn.2009-02.com.example:test\n" + SerialLine +
        $"\n    chap: {{ user: alice, password: {{ file: {SecretFile} }}" +
        (mutual ? $", mutual_user: weasel-san, mutual_password: {{ file: {MutualFile} }}" : "") + " }");

    private static string[] Tail(string text, int lines) => text.TrimEnd('\n').Split('\n')[^lines..];

    [Fact]
    public void Lio_with_chap_turns_demo_mode_off_and_keeps_the_credentials_in_a_file_of_mode_600()
    {
        var r = new SutRenderer().Render(Inventory());
        Tail(r.File("weasel", "/etc/sanchaos/lio-target.conf").Content, 6).Should().Equal(
            "# CHAP (sut.iscsi_target.chap): no demo mode (generate_node_acls=0), CHAP required (authentication=1), and one ACL per",
            "# client initiator with the user and secret of CHAP_SECRETS (mode 0600).",
            "AUTH='1'",
            "CHAP_SECRETS='/etc/sanchaos/lio-target.chap'",
            "INITIATORS=''",
            "INITIATORS=\"$INITIATORS iqn.2009-02.com.example:badger\"");
        r.File("weasel", "/etc/sanchaos/lio-target.conf").Mode.Should().Be("0644", "it names the secrets' file, it holds none");
        var chap = r.File("weasel", "/etc/sanchaos/lio-target.chap");
        chap.Mode.Should().Be("0600");
        Tail(chap.Content, 4).Should().Equal("CHAP_USER='alice'", $"CHAP_PASSWORD='{Secret}'", "CHAP_MUTUAL_USER=''", "CHAP_MUTUAL_PASSWORD=''");
        r.File("otter", "/etc/sanchaos/lio-target.chap").Content.Should().Be(chap.Content);
    }

    [Fact]
    public void Open_iscsi_gets_the_chap_settings_in_iscsid_conf_of_mode_600()
    {
        var r = new SutRenderer().Render(Inventory());
        var conf = r.File("badger", "/etc/iscsi/iscsid.conf");
        conf.Mode.Should().Be("0600");
        Tail(conf.Content, 4).Should().Equal(
            "# CHAP (sut.iscsi_target.chap): the target lets in only initiators that answer its challenge with this user and secret.",
            "node.session.auth.authmethod = CHAP",
            "node.session.auth.username = alice",
            $"node.session.auth.password = {Secret}");
    }

    [Fact]
    public void Mutual_chap_adds_the_targets_credentials_on_every_side()
    {
        var lio = new SutRenderer().Render(Inventory(mutual: true));
        Tail(lio.File("otter", "/etc/sanchaos/lio-target.chap").Content, 2).Should().Equal("CHAP_MUTUAL_USER='weasel-san'", $"CHAP_MUTUAL_PASSWORD='{MutualSecret}'");
        Tail(lio.File("badger", "/etc/iscsi/iscsid.conf").Content, 3).Should().Equal(
            "# Mutual CHAP: the initiator checks the target's answer too.",
            "node.session.auth.username_in = weasel-san",
            $"node.session.auth.password_in = {MutualSecret}");
        var tgt = new SutRenderer().Render(Inventory(mutual: true, implementation: "tgt"));
        tgt.File("otter", "/etc/tgt/conf.d/sanchaos.conf").Content.Should().Contain($"    outgoinguser weasel-san {MutualSecret}\n");
    }

    [Fact]
    public void Tgt_with_chap_takes_only_the_clients_with_the_user_and_secret()
    {
        var conf = new SutRenderer().Render(Inventory(implementation: "tgt")).File("weasel", "/etc/tgt/conf.d/sanchaos.conf");
        conf.Mode.Should().Be("0600");
        Tail(conf.Content, 5).Should().Equal(
            "    </backing-store>",
            "    # CHAP (sut.iscsi_target.chap): only these initiators, and only with this user and secret.",
            $"    incominguser alice {Secret}",
            "    initiator-name iqn.2009-02.com.example:badger",
            "</target>");
    }

    [Fact]
    public void Without_chap_nothing_changes()
    {
        var r = new SutRenderer().Render(TestFiles.Embedded());
        r.FilesFor("otter").Select(f => f.Path).Should().NotContain("/etc/sanchaos/lio-target.chap");
        r.File("otter", "/etc/sanchaos/lio-target.conf").Content.Should().NotContain("AUTH").And.EndWith("PORTALS=\"$PORTALS 192.168.2.1:3260\"\n");
        r.File("badger", "/etc/iscsi/iscsid.conf").Content.Should().NotContain("auth").And.EndWith("node.session.scan = auto\n");
        var tgt = new SutRenderer().Render(TestFiles.EmbeddedWith("implementation: lio", "implementation: tgt"));
        tgt.File("otter", "/etc/tgt/conf.d/sanchaos.conf").Content.Should().NotContain("incominguser").And.NotContain("initiator-name");
    }

    [Fact]
    public void The_node_records_get_the_chap_settings_copied_on_the_node_and_no_step_shows_a_secret()
    {
        var lab = new FakeLab(Inventory(mutual: true));
        var plan = new Provisioner(lab.Inventory, lab.AsNodes).Plan();
        var records = plan.Single(s => s.Name == "iSCSI node records").Steps.Single();
        records.Name.Should().Be("create node records for every portal and set their timeouts and CHAP settings");
        records.Commands.Where(c => c.Contains("iscsid.conf", StringComparison.Ordinal)).Should().Equal(
            "sed -n 's/^\\(node\\.session\\.auth\\.[a-z_]*\\) = \\(.*\\)$/\\1 \\2/p' /etc/iscsi/iscsid.conf | while read -r k v; do iscsiadm -m node -T iqn.2009-02.com.example:test -p 192.168.1.1:3260 -o update -n \"$k\" -v \"$v\" || exit 1; done",
            "sed -n 's/^\\(node\\.session\\.auth\\.[a-z_]*\\) = \\(.*\\)$/\\1 \\2/p' /etc/iscsi/iscsid.conf | while read -r k v; do iscsiadm -m node -T iqn.2009-02.com.example:test -p 192.168.2.1:3260 -o update -n \"$k\" -v \"$v\" || exit 1; done");
        var shown = string.Join("\n", plan.SelectMany(s => s.Steps).Select(s => $"{s}\n{s.Remedy}"));
        shown.Should().NotContain(Secret).And.NotContain(MutualSecret);
        plan.Single(s => s.Name == "iSCSI login").Steps.Single().Remedy.Should().Contain("authentication failed");
    }

    [Fact]
    public void No_command_uses_a_secret()
    {
        var cat = CommandCatalog.Default;
        foreach (var name in cat.CommandNames)
            cat.Template(name).Should().NotContainAny(["{{chap_password}}", "{{chap_mutual_password}}", "{{auth_key}}"], name);
        foreach (var impl in cat.TargetNames)
            cat.TargetValues(impl).Select(v => v.Value).Should().NotContain(v => v.Contains("password", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_or_unusable_secret_names_its_source_and_the_inventory_line_not_its_value()
    {
        File.Delete(SecretFile);
        var missing = () => SutValues.For(Inventory());
        var e = missing.Should().Throw<SanChaosException>().Which;
        e.Problem.Should().MatchRegex(@"the CHAP password of sut\.iscsi_target\.chap \(.*embedded\.yaml:\d+:11\): The secret file .*chap does not exist\.");
        e.Remedy.Should().Contain("umask 077");

        File.WriteAllText(SecretFile, "two words\n");
        var blank = () => SutValues.For(Inventory());
        blank.Should().Throw<SanChaosException>().Which.Message.Should().Contain("contains white space").And.MatchRegex(@"embedded\.yaml:\d+:11").And.NotContain("two words");

        File.WriteAllText(SecretFile, MutualSecret + "\n");
        var same = () => SutValues.For(Inventory(mutual: true));
        same.Should().Throw<SanChaosException>().Which.Message.Should().Contain("the same secret").And.NotContain(MutualSecret);
    }

    [Fact]
    public void Lio_target_start_with_chap_writes_acls_with_the_credentials_and_requires_authentication()
    {
        var block = TestShell.AnyBlockDevice();
        if (block is null) Assert.Skip("no block device in /dev to stand in for the LVM volume");
        var r = new SutRenderer().Render(Inventory(mutual: true));
        var fs = LioConfigfs.Create(dir.FullName);
        var (cfs, tpg) = (fs.Root, fs.Tpg);
        var acl = fs.Acl("iqn.2009-02.com.example:badger");
        var secrets = Path.Combine(dir.FullName, "lio-target.chap");
        File.WriteAllText(secrets, r.File("otter", "/etc/sanchaos/lio-target.chap").Content);
        var conf = Path.Combine(dir.FullName, "lio-target.conf");
        File.WriteAllText(conf, r.File("otter", "/etc/sanchaos/lio-target.conf").Content
            .Replace("/dev/storage/test", block, StringComparison.Ordinal).Replace("/etc/sanchaos/lio-target.chap", secrets, StringComparison.Ordinal));
        var script = Path.Combine(dir.FullName, "lio-target");
        File.WriteAllText(script, r.File("otter", "/etc/ha.d/resource.d/lio-target").Content);

        var start = SutRendererTests.Sh(script, conf, cfs, "start");
        start.ExitCode.Should().Be(0, start.Output);
        start.Output.Should().NotContain(Secret).And.NotContain(MutualSecret);
        foreach (var (attr, value) in new[] { ("authentication", "1"), ("generate_node_acls", "0"), ("cache_dynamic_acls", "0") })
            File.ReadAllText(Path.Combine(tpg, "attrib", attr)).Should().Be(value + "\n", attr);
        File.Exists(Path.Combine(tpg, "attrib", "demo_mode_write_protect")).Should().BeFalse("no demo mode");
        new FileInfo(Path.Combine(acl, "lun_0", "tpg_lun_0")).LinkTarget.Should().Be(Path.Combine(tpg, "lun", "lun_0"));
        foreach (var (attr, value) in new[] { ("userid", "alice"), ("password", Secret), ("userid_mutual", "weasel-san"), ("password_mutual", MutualSecret) })
            File.ReadAllText(Path.Combine(acl, "auth", attr)).Should().Be(value, $"{attr}: LIO keeps a trailing newline as part of it");
        File.ReadAllText(Path.Combine(tpg, "enable")).Should().Be("1\n");
    }
}
