namespace SanChaos.Labs.Uml;

/// <summary>How the harness reaches one node of the embedded lab (input of <see cref="UmlLabOptions.NodeFactory"/>).</summary>
/// <param name="Node">Node name.</param>
/// <param name="Address">Its management address (no prefix).</param>
/// <param name="Namespace">The network namespace the harness's SSH client must run in (<c>ip netns exec</c>).</param>
/// <param name="User">Login user.</param>
/// <param name="PrivateKeyFile">The harness's private key.</param>
/// <param name="ControlDirectory">A per-run directory for OpenSSH control sockets (removed with the run).</param>
public sealed record UmlNodeAccess(string Node, string Address, string Namespace, string User, string PrivateKeyFile, string ControlDirectory);

/// <summary>The SSH connection to an embedded lab node, the one way every process that drives the lab reaches it.</summary>
public static class UmlNodeConnections
{
    /// <summary>An <see cref="Remote.SshNode"/> for <paramref name="access"/>: the system OpenSSH client inside the lab's namespace.</summary>
    public static Remote.SshNode Open(UmlNodeAccess access, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(access);
        return new Remote.SshNode(new Remote.SshNodeOptions(access.Node, access.Address)
        {
            User = access.User,
            IdentityFile = access.PrivateKeyFile,
            ControlDirectory = access.ControlDirectory,
            CommandPrefix = ["ip", "netns", "exec", access.Namespace],
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ServerAliveInterval = TimeSpan.FromSeconds(2),
            ServerAliveCountMax = 3,
        }, time ?? TimeProvider.System);
    }
}
