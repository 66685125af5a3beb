using System.Threading.Channels;
using SanChaos.Core.Commands;

namespace SanChaos.Labs.Streaming;

/// <summary>A long-lived command on a node (<see cref="IStreamingNode.Start"/>): its output as it comes.</summary>
public interface IRemoteStream : IAsyncDisposable
{
    /// <summary>The node it runs on.</summary>
    string Node { get; }

    /// <summary>The command line as given.</summary>
    string Command { get; }

    /// <summary>Standard output, one entry per line, stamped when the harness read it. Completes when the command ends.</summary>
    ChannelReader<StreamLine> Lines { get; }

    /// <summary>
    /// Standard output as bytes, in order, for a command started with <see cref="RemoteStreamOptions.Binary"/>; null
    /// otherwise. It ends (a read returns 0) when the command's output ends; what was read before the stream was
    /// disposed stays readable.
    /// </summary>
    Stream? Output => null;

    /// <summary>Writes one line to the command's standard input (only with <see cref="RemoteStreamOptions.Interactive"/>).</summary>
    Task WriteLineAsync(string line, CancellationToken ct = default);

    /// <summary>Completes when the command ended: exit code (-1 when killed) and standard error; output is in <see cref="Lines"/>.</summary>
    Task<CommandResult> Completion { get; }
}
