using System.Text.RegularExpressions;

namespace SanChaos.Labs.Remote;

/// <summary>
/// What the OpenSSH client prints when it, not the remote command, failed, and what each message means.
/// ssh exits 255 on its own errors, but a remote command may exit 255 too: a 255 counts as "could not reach
/// the node" only when stderr carries one of these messages. Data, so a new OpenSSH wording is a one-line change.
/// </summary>
internal static class SshClientErrors
{
    /// <summary>One known client error: the stderr pattern and what to check.</summary>
    public sealed record Known(Regex Pattern, string Meaning, string Check);

    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.Multiline;

    /// <summary>Checked in order; the first match explains the failure.</summary>
    public static readonly IReadOnlyList<Known> All =
    [
        new(new Regex(@"^Cannot open network namespace|^setting the network namespace", Opts),
            "the command prefix could not enter the lab's network namespace",
            "is the lab up (`ip netns list` shows its namespace)?"),
        new(new Regex(@"^ssh: connect to host .*: Connection refused", Opts),
            "nothing listens on the SSH port",
            "has the node finished booting and is its sshd running (see its console log)?"),
        new(new Regex(@"^ssh: connect to host .*: (Connection|Operation) timed out|^Connection timed out during banner exchange", Opts),
            "no answer from the node",
            "is the node up, is its management address right, and does ssh run in the lab's network namespace (command prefix)?"),
        new(new Regex(@"^ssh: connect to host .*: (No route to host|Network is unreachable)|^ssh: Could not resolve hostname", Opts),
            "the address cannot be reached from where ssh runs",
            "is the host name or address right, and does ssh run in the lab's network namespace (command prefix)?"),
        new(new Regex(@"Permission denied \(publickey|^Received disconnect from .*Too many authentication failures|^sign_and_send_pubkey: no mutual signature", Opts),
            "the node refused the key",
            "is the public half of the identity file in root's authorized_keys on the node, and is the identity file readable?"),
        new(new Regex(@"^Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|^No [A-Z0-9-]+ host key is known", Opts),
            "the node's host key is not in the known_hosts file, or does not match it",
            "is the node new or was it reinstalled? Add its key through the management network (`ssh-keyscan -t ed25519 <address> >> <known_hosts file>`) and compare the fingerprint (`ssh-keygen -lf <known_hosts file>`) with its console's (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`); a key that changed without a reinstall may be someone else answering."),
        new(new Regex(@"Session open refused by peer|^channel \d+: open failed: ", Opts),
            "the node's sshd refused another session on the shared connection",
            "are more commands running at once than the node's sshd allows (MaxSessions, default 10)? Run fewer at once or raise MaxSessions on the node."),
        new(new Regex(@"^Timeout, server .* not responding|^Connection (reset|closed) by |^client_loop: |^mux_client_|^kex_exchange_identification: |^Connection to .* closed by remote host|^ssh_dispatch_run_fatal: |^packet_write_wait: ", Opts),
            "the connection broke (node crashed, rebooted or is still starting sshd, or a network fault is active)",
            "did the node lose power or reboot? is a partition or cable fault active?"),
        new(new Regex(@"^ssh: |: Bad configuration option: |^Bad port |^Control socket connect|^ControlSocket .* already exists", Opts),
            "ssh itself failed",
            "read ssh's message above."),
    ];

    /// <summary>The known error in <paramref name="stderr"/>, or null when stderr looks like the remote command's.</summary>
    public static Known? Match(string stderr) => All.FirstOrDefault(k => k.Pattern.IsMatch(stderr));
}
