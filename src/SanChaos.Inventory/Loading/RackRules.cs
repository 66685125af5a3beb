using System.Globalization;
using SanChaos.Inventory.Model;

namespace SanChaos.Inventory.Loading;

/// <summary>
/// What a rack (<c>kind: hardware</c>) needs beyond a valid topology, reported at load with file, line and the commands
/// that fix it: every node's host key is checked (a known_hosts file, or an explicit <c>known_hosts: none</c>), Heartbeat
/// signs with a key of its own (<see cref="HeartbeatConfig.AuthKeyFix"/>), and no secret file (a secret's <c>file:</c>,
/// an SSH private key) is readable by group or others. The embedded lab needs none of this: it lives in a network
/// namespace of its own and writes its own secrets with mode 600.
/// </summary>
internal static class RackRules
{
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                               UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A node of a rack whose host key nothing checks.</summary>
    public static void NoKnownHosts(ErrorSink sink, SourceLocation at, string lab, string node, string management, int port)
    {
        var file = $"~/.ssh/known_hosts_{lab}";
        var portOption = port == 22 ? "" : $"-p {port.ToString(CultureInfo.InvariantCulture)} ";
        sink.Add(at,
            $"Node '{node}' has no ssh.known_hosts: on a rack SanChaos checks each node's host key, or whoever answers on {management} gets the harness's root login and the secrets it uploads.",
            $"Fill a known_hosts file through the management network: `ssh-keyscan -t ed25519 {portOption}{management} >> {file}`, and before trusting it " +
            $"compare its fingerprint (`ssh-keygen -lf {file}`) with the one {node}'s console shows (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on {node}). " +
            $"Then write `known_hosts: {file}` under the node's `ssh:`, or under the top-level `ssh:` for every node. " +
            $"To skip the check instead (not recommended; every run warns) write `known_hosts: {SshSpec.NoKnownHosts}`.");
    }

    /// <summary>A rack without a Heartbeat key of its own.</summary>
    public static void NoAuthKey(ErrorSink sink, SourceLocation at, string lab) =>
        sink.Add(at,
            "sut.heartbeat has no auth_key: a rack's Heartbeat key must be a secret of its own (the key derived from the lab's name suits the embedded lab only; whoever knows it can forge heartbeats).",
            HeartbeatConfig.AuthKeyFix(lab));

    /// <summary>
    /// A secret file (<paramref name="what"/>, e.g. "the file of 'password' of PDU 'pdu-r2'") that group or others may
    /// read. A file that does not exist yet is not checked here: reading the secret says how to create it.
    /// </summary>
    public static void PrivateFile(ErrorSink sink, SourceLocation at, string what, string? path)
    {
        if (path is null || !File.Exists(path)) return;
        var mode = File.GetUnixFileMode(path) & (UnixFileMode)0x1FF;
        if ((mode & GroupOrOthers) == 0) return;
        sink.Add(at, $"{what}, {path}, is mode {Convert.ToString((int)mode, 8)}: group or others may read it.",
            $"Run `chmod 600 {path}` (readable and writable by its owner only), and keep it that way.");
    }
}
