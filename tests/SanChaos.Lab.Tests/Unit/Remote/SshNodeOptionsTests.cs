using System.Net;
using FluentAssertions;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Remote;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Remote;

[Trait("Category", "unit")]
public sealed class SshNodeOptionsTests
{
    private static readonly SshNodeOptions Otter = new("otter", "10.99.0.11") { ControlDirectory = "/tmp/sanchaos-ab12cd34" };

    [Fact]
    public void The_command_runs_under_the_prefix_as_one_argument_after_the_host()
    {
        var node = new SshNode(Otter with
        {
            CommandPrefix = ["ip", "netns", "exec", "sanchaos-ab12cd34"],
            IdentityFile = "/var/lib/san chaos/id_ed25519",
        });

        var argv = node.ExecArgv("drbdadm role r0 && cat /proc/drbd");

        argv.Take(5).Should().Equal("ip", "netns", "exec", "sanchaos-ab12cd34", "ssh");
        argv.TakeLast(3).Should().Equal("--", "10.99.0.11", "drbdadm role r0 && cat /proc/drbd");
        var text = string.Join(' ', argv);
        text.Should().Contain("-F /dev/null").And.Contain("-o BatchMode=yes").And.Contain("-o LogLevel=ERROR")
            .And.Contain("-o StrictHostKeyChecking=no").And.Contain("-o UserKnownHostsFile=/dev/null")
            .And.Contain("-o ConnectTimeout=10").And.Contain("-o ServerAliveInterval=5").And.Contain("-o ServerAliveCountMax=3")
            .And.Contain("-o ControlPath=/tmp/sanchaos-ab12cd34/otter.sock").And.Contain("-o ControlMaster=no")
            .And.Contain("-p 22 -l root").And.Contain("-o IdentitiesOnly=yes");
        argv.Should().Contain("IdentityFile=\"/var/lib/san chaos/id_ed25519\"", "ssh splits option values at blanks unless quoted");
    }

    [Fact]
    public void A_known_hosts_file_turns_on_strict_checking_and_percent_signs_are_escaped()
    {
        var node = new SshNode(Otter with { KnownHostsFile = "/etc/sanchaos/known_hosts", ControlDirectory = "/tmp/run%1" });
        var argv = node.ExecArgv("true");
        argv.Should().Contain("StrictHostKeyChecking=yes").And.Contain("UserKnownHostsFile=/etc/sanchaos/known_hosts")
            .And.Contain("ControlPath=/tmp/run%%1/otter.sock");
        argv.Should().NotContain("StrictHostKeyChecking=no");
    }

    [Fact]
    public void The_master_runs_in_the_foreground_and_control_requests_need_no_prefix()
    {
        var node = new SshNode(Otter with { CommandPrefix = ["ip", "netns", "exec", "ns1"] });
        var master = node.MasterArgv();
        master.Should().StartWith(["ip", "netns", "exec", "ns1", "ssh"]);
        master.Should().Contain("ControlMaster=yes").And.Contain("ControlPersist=no").And.Contain("-N").And.NotContain("-f");
        master[^1].Should().Be("10.99.0.11");
        node.ControlArgv("exit").Should().StartWith(["ssh"]).And.ContainInOrder("-O", "exit", "--", "10.99.0.11");
    }

    [Fact]
    public void A_control_path_too_long_for_a_unix_socket_is_refused_with_the_fix()
    {
        var longDir = "/tmp/" + new string('d', 80);
        var act = () => new SshNode(Otter with { ControlDirectory = longDir });
        act.Should().Throw<ArgumentException>().WithMessage("*bytes*shorter ControlDirectory*");

        var justFits = "/tmp/" + new string('d', SshNodeOptions.MaxControlPathBytes - "/tmp//otter.sock".Length);
        new SshNode(Otter with { ControlDirectory = justFits }).Options.ControlPath.Length.Should().Be(SshNodeOptions.MaxControlPathBytes);
    }

    [Theory]
    [InlineData("ot ter", "10.0.0.1", 22)]
    [InlineData("otter", "-oProxyCommand=x", 22)]
    [InlineData("otter", "10.0.0.1", 0)]
    [InlineData("otter", "10.0.0.1", 70000)]
    public void Invalid_options_are_refused(string name, string host, int port)
    {
        var act = () => new SshNode(new SshNodeOptions(name, host) { Port = port });
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_upload_script_quotes_the_path_and_accepts_only_octal_modes()
    {
        var script = SshNode.UploadScript("/etc/ha.d/it's.cf", "0600");
        script.Should().StartWith("umask 077; p='/etc/ha.d/it'\\''s.cf';").And.Contain("chmod 0600 \"$t\"").And.Contain("mv -f -- \"$t\" \"$p\"");

        FluentActions.Invoking(() => SshNode.UploadScript("/etc/x", "rw-r--r--")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => SshNode.UploadScript("/etc/x", "0888")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => SshNode.UploadScript("", "0644")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Uploads_create_their_files_under_umask_077_so_a_secret_is_never_readable_by_others_while_written()
    {
        var one = SshNode.UploadScript("/etc/ha.d/authkeys", "0600");
        one.Should().StartWith("umask 077; ");
        one.IndexOf("cat > ", StringComparison.Ordinal).Should().BeGreaterThan(one.IndexOf("umask 077", StringComparison.Ordinal));
        one.IndexOf("chmod 0600", StringComparison.Ordinal).Should().BeGreaterThan(one.IndexOf("cat > ", StringComparison.Ordinal));

        var all = SshNode.UploadAllScript([("/etc/ha.d/ha.cf", "0644", 120), ("/etc/ha.d/authkeys", "0600", 40), ("/etc/empty", "0644", 0)]);
        all.Should().StartWith("umask 077; set -e;");
        var authkeys = all.IndexOf("p='/etc/ha.d/authkeys'", StringComparison.Ordinal);
        var written = all.IndexOf("dd of=", authkeys, StringComparison.Ordinal);
        written.Should().BeGreaterThan(authkeys);
        all.IndexOf("chmod 0600", authkeys, StringComparison.Ordinal).Should().BeGreaterThan(written, "the mode is set after the content, on a file created 600");
        all.Should().Contain(": > \"$t\"; chmod 0644");
    }

    [Fact]
    public void A_rack_node_reads_the_users_ssh_config_or_the_inventorys_own_and_the_embedded_lab_none()
    {
        var node = new NodeSpec("otter", NodeRole.Storage, IPAddress.Parse("172.16.1.1"),
            new SshSpec("admin", 2222, "/root/.ssh/rack2", "/root/.ssh/known_hosts_rack2"), [], "/dev/md3", "/dev/ttyS0", 192,
            new SourceLocation("rack2.yaml", 20, 3));
        var rack = SshNodeOptions.ForRack(node) with { ControlDirectory = "/tmp/sanchaos-ab12cd34" };
        rack.UseSshConfig.Should().BeTrue();
        var argv = new SshNode(rack).ExecArgv("true");
        argv.Should().NotContain("-F");
        var text = string.Join(' ', argv);
        text.Should().Contain("-p 2222 -l admin").And.Contain("-o StrictHostKeyChecking=yes").And.Contain("-o UserKnownHostsFile=/root/.ssh/known_hosts_rack2")
            .And.Contain("-o IdentityFile=/root/.ssh/rack2");

        var own = SshNodeOptions.ForRack(node with { Ssh = node.Ssh with { ConfigFile = "/etc/sanchaos/ssh config" } }) with { ControlDirectory = "/tmp/sanchaos-ab12cd34" };
        new SshNode(own).ExecArgv("true").Should().ContainInOrder("ssh", "-F", "/etc/sanchaos/ssh config").And.NotContain("/dev/null");

        new SshNode(Otter).ExecArgv("true").Should().ContainInOrder("ssh", "-F", "/dev/null");
        FluentActions.Invoking(() => new SshNode(Otter with { ConfigFile = " " })).Should().Throw<ArgumentException>().WithMessage("*ConfigFile*");
    }

    [Theory]
    [InlineData("ssh: connect to host 10.99.0.11 port 22: Connection refused", "nothing listens")]
    [InlineData("ssh: connect to host 10.99.0.11 port 22: Connection timed out", "no answer")]
    [InlineData("root@10.99.0.11: Permission denied (publickey).", "refused the key")]
    [InlineData("Host key verification failed.", "host key")]
    [InlineData("Timeout, server 10.99.0.11 not responding.", "connection broke")]
    [InlineData("client_loop: send disconnect: Broken pipe", "connection broke")]
    [InlineData("mux_client_request_session: session request failed: Session open refused by peer", "another session")]
    [InlineData("kex_exchange_identification: read: Connection reset by peer", "connection broke")]
    [InlineData("Cannot open network namespace \"sanchaos-x\": No such file or directory", "namespace")]
    public void Ssh_client_errors_are_recognised(string stderr, string meaning)
    {
        SshClientErrors.Match(stderr)!.Meaning.Should().Contain(meaning);
    }

    [Theory]
    [InlineData("")]
    [InlineData("drbdadm: Unknown resource r9")]
    [InlineData("multipath: command failed")]
    [InlineData("write error: Broken pipe")]
    [InlineData("curl: (7) Failed to connect to 10.99.0.20 port 3260: Connection refused")]
    public void A_remote_commands_own_stderr_is_not_taken_for_an_ssh_error(string stderr)
    {
        SshClientErrors.Match(stderr).Should().BeNull();
    }
}
