using SanChaos.Core.Errors;

namespace SanChaos.Labs.Remote;

/// <summary>
/// The SSH client could not reach a node or lost the connection (ssh exited 255 with a client error).
/// Names the node, the endpoint, the ssh message and what to check.
/// </summary>
public sealed class SshConnectionException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="node">The node's inventory name.</param>
    /// <param name="endpoint">user@host:port as dialled.</param>
    /// <param name="command">What was being run (a remote command, or "control master").</param>
    /// <param name="sshError">ssh's stderr.</param>
    /// <param name="message">The full problem statement.</param>
    /// <param name="remedy">What to check.</param>
    public SshConnectionException(string node, string endpoint, string command, string sshError, string message, string remedy)
        : base(message, remedy)
    {
        Node = node;
        Endpoint = endpoint;
        Command = command;
        SshError = sshError;
    }

    /// <summary>The node's inventory name.</summary>
    public string Node { get; }

    /// <summary>user@host:port.</summary>
    public string Endpoint { get; }

    /// <summary>What was being run when the connection failed.</summary>
    public string Command { get; }

    /// <summary>What ssh printed on stderr.</summary>
    public string SshError { get; }
}
