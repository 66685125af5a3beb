using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Core.Secrets;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Inventory.Tests;

/// <summary>
/// A rack (<c>kind: hardware</c>) is refused at load unless its host keys are checked (or the inventory opts out in so
/// many words), Heartbeat has a key of its own, and its secret files are readable by their owner only. The embedded lab
/// needs none of it.
/// </summary>
public sealed class RackSecurityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sanchaos-rack-tests-").FullName;

    private static readonly string Example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lab", "hardware.example.yaml"));

    private static readonly string Embedded = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lab", "embedded.yaml"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File_ => Path.Combine(_dir, "rack2.yaml");

    private (LabInventory? Inventory, IReadOnlyList<InventoryError> Errors) Parse(string text) => InventoryLoader.TryParse(File_, text);

    private static string Replace(string text, string find, string replace)
    {
        text.Should().Contain(find);
        return text.Replace(find, replace, StringComparison.Ordinal);
    }

    private static int LineOf(string text, string what) => text[..text.IndexOf(what, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private string PrivateFile(string name, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "s3cret\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void A_rack_node_without_known_hosts_is_refused_at_its_line_with_how_to_fill_and_verify_the_file()
    {
        var text = Replace(Example, "  known_hosts: ~/.ssh/known_hosts_rack2\n", "");
        var (inv, errors) = Parse(text);
        inv.Should().BeNull();
        errors.Should().HaveCount(3);
        var otter = errors.Single(e => e.Message.StartsWith("Node 'otter' has no ssh.known_hosts", StringComparison.Ordinal));
        otter.At.Should().Be(new SourceLocation(File_, LineOf(text, "  otter:"), 3));
        otter.Fix.Should().Contain("`ssh-keyscan -t ed25519 172.16.1.1 >> ~/.ssh/known_hosts_rack2`")
            .And.Contain("`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on otter")
            .And.Contain("known_hosts: ~/.ssh/known_hosts_rack2").And.Contain("known_hosts: none");
        errors.Select(e => e.Message).Should().Contain(m => m.StartsWith("Node 'badger'", StringComparison.Ordinal));
    }

    [Fact]
    public void Known_hosts_may_be_given_per_node_over_the_top_level_ssh_and_a_node_port_goes_into_the_keyscan()
    {
        var text = Replace(Example, "  known_hosts: ~/.ssh/known_hosts_rack2\n", "");
        text = Replace(text, "    # ssh: { port: 2222 }", "    ssh: { port: 2222, known_hosts: otter_known_hosts }");
        var (_, errors) = Parse(text);
        errors.Should().NotContain(e => e.Message.Contains("'otter'", StringComparison.Ordinal));

        var weaselOnly = Replace(Example, "    management: 172.16.1.2\n", "    management: 172.16.1.2\n    ssh: { port: 2200, known_hosts: ~/.ssh/x }\n");
        var inv = Parse(weaselOnly).Inventory!;
        inv.Node("weasel").Ssh.Port.Should().Be(2200);
        inv.Node("otter").Ssh.Port.Should().Be(22);
        inv.Node("otter").Ssh.KnownHostsFile.Should().EndWith("/.ssh/known_hosts_rack2");
        inv.Node("weasel").Ssh.KnownHostsFile.Should().EndWith("/.ssh/x");

        var noneAtAll = Replace(Example, "  known_hosts: ~/.ssh/known_hosts_rack2\n", "");
        noneAtAll = Replace(noneAtAll, "    management: 172.16.1.2\n", "    management: 172.16.1.2\n    ssh: { port: 2200 }\n");
        Parse(noneAtAll).Errors.Single(e => e.Message.StartsWith("Node 'weasel'", StringComparison.Ordinal)).Fix
            .Should().Contain("`ssh-keyscan -t ed25519 -p 2200 172.16.1.2 >>");
    }

    [Fact]
    public void Known_hosts_none_opts_out_explicitly_and_every_run_is_warned()
    {
        var text = Replace(Example, "  known_hosts: ~/.ssh/known_hosts_rack2\n", "  known_hosts: none\n");
        text = Replace(text, "    # ssh: { port: 2222 }", "    ssh: { known_hosts: ~/.ssh/otter_known_hosts }");
        var (inv, errors) = Parse(text);
        errors.Should().BeEmpty();
        inv!.Node("weasel").Ssh.KnownHostsFile.Should().BeNull();
        inv.Node("otter").Ssh.KnownHostsFile.Should().EndWith("/.ssh/otter_known_hosts");
        HostKeyWarning.For(inv).Should().StartWith("warning: the host keys of weasel, badger are not checked (`known_hosts: none` in " + File_)
            .And.Contain("ssh-keyscan");
        HostKeyWarning.For(InventoryLoader.Parse(File_, Example)).Should().BeNull();
    }

    [Fact]
    public void The_embedded_lab_checks_no_host_keys_needs_no_heartbeat_key_and_is_never_warned()
    {
        var (inv, errors) = Parse(Embedded);
        errors.Should().BeEmpty();
        inv!.Nodes.Should().OnlyContain(n => n.Ssh.KnownHostsFile == null && n.Ssh.ConfigFile == null);
        inv.Sut.Heartbeat.AuthKey.Should().BeNull();
        HostKeyWarning.For(inv).Should().BeNull();
    }

    [Fact]
    public void An_ssh_config_is_read_lab_wide_or_per_node_relative_to_the_inventory()
    {
        var text = Replace(Example, "  # config: ~/.ssh/config_rack2", "  config: ssh/config");
        text = Replace(text, "    # ssh: { port: 2222 }", "    ssh: { config: /etc/sanchaos/otter_ssh_config }");
        var inv = Parse(text).Inventory!;
        inv.Node("weasel").Ssh.ConfigFile.Should().Be(Path.Combine(_dir, "ssh", "config"));
        inv.Node("otter").Ssh.ConfigFile.Should().Be("/etc/sanchaos/otter_ssh_config");
        InventoryLoader.Parse(File_, Example).Node("otter").Ssh.ConfigFile.Should().BeNull("without one, ssh reads the user's own");
    }

    [Fact]
    public void A_rack_without_a_heartbeat_key_is_refused_with_how_to_create_one()
    {
        var text = Replace(Example, "    auth_key: { file: /etc/sanchaos/rack2-authkey }\n", "");
        var e = Parse(text).Errors.Should().ContainSingle().Which;
        e.Message.Should().StartWith("sut.heartbeat has no auth_key");
        e.At.Line.Should().Be(LineOf(text, "    keepalive: 1 s"), "the position of the heartbeat section");
        e.Fix.Should().Contain("(umask 077; mkdir -p /etc/sanchaos && openssl rand -hex 32 > /etc/sanchaos/rack2-authkey)")
            .And.Contain("auth_key: { file: /etc/sanchaos/rack2-authkey }");

        var noSut = text[..text.IndexOf("sut:", StringComparison.Ordinal)];
        Parse(noSut).Errors.Should().ContainSingle().Which.At.Should().Be(new SourceLocation(File_, 1, 1));
    }

    [Fact]
    public void A_secret_file_or_ssh_key_group_or_others_may_read_is_refused_with_the_chmod()
    {
        var readable = PrivateFile("rack2-authkey", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var key = PrivateFile("id_rack2", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var text = Replace(Example, "/etc/sanchaos/rack2-authkey }", $"{readable} }}");
        text = Replace(text, "  key: ~/.ssh/sanchaos_rack2", "  key: id_rack2");
        var errors = Parse(text).Errors;
        errors.Should().HaveCount(2);
        var secret = errors.Single(e => e.Message.Contains("'auth_key'", StringComparison.Ordinal));
        secret.Message.Should().Be($"The secret file of 'auth_key' of 'heartbeat', {readable}, is mode 640: group or others may read it.");
        secret.Fix.Should().StartWith($"Run `chmod 600 {readable}`");
        secret.At.Line.Should().Be(LineOf(text, $"auth_key: {{ file: {readable}"));
        var sshKey = errors.Single(e => e.Message.StartsWith("The SSH key", StringComparison.Ordinal));
        sshKey.Message.Should().Contain($"{key}, is mode 604");
        sshKey.At.Line.Should().Be(LineOf(text, "  key: id_rack2"));

        File.SetUnixFileMode(readable, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        Parse(text).Errors.Should().BeEmpty("600 and 400 are private");
    }

    [Fact]
    public void The_embedded_lab_does_not_check_secret_file_modes()
    {
        var readable = PrivateFile("pdu.secret", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var text = Replace(Embedded, "/var/lib/sanchaos/embedded/pdu.secret", readable);
        Parse(text).Errors.Should().BeEmpty();
    }

    [Fact]
    public void A_resolved_secret_is_registered_and_masked_in_errors_from_then_on()
    {
        var value = "rack-key-" + Guid.NewGuid().ToString("N");
        var file = PrivateFile("key", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, value + "\n");
        new SecretRef(null, file).Resolve().Should().Be(value);
        new SanChaosException($"heartbeat key {value} rejected").Problem.Should().Be("heartbeat key *** rejected");
        Redactor.Redact(value).Should().Be(Redactor.Mask);
    }

    [Fact]
    public void A_missing_secret_file_says_how_to_create_it_readable_by_its_owner_only()
    {
        new SecretRef(null, Path.Combine(_dir, "nope")).Invoking(s => s.Resolve()).Should().Throw<SanChaosException>()
            .Which.Remedy.Should().Contain("(umask 077; printf '%s\\n' '<secret>' > " + Path.Combine(_dir, "nope") + ")");
    }
}
