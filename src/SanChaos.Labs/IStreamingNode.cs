using SanChaos.Labs.Streaming;

namespace SanChaos.Labs;

/// <summary>
/// A node that can run one long-lived command and hand its output over line by line as it comes (a log followed,
/// a sampler loop, the I/O probe). Observers use it so a node pays for one process, not one per sample
/// (fork costs ~36 ms under user-mode Linux). Optional capability: test with a type check.
/// </summary>
public interface IStreamingNode : INode
{
    /// <summary>
    /// Starts <paramref name="command"/> on the node and returns at once. The remote command ends when the stream is
    /// disposed or the connection breaks (the remote side sees its input close), never later.
    /// </summary>
    /// <param name="command">A POSIX shell command line (bash on the node).</param>
    /// <param name="options">Whether the command reads the stream's input; default: it does not.</param>
    IRemoteStream Start(string command, RemoteStreamOptions? options = null);
}
