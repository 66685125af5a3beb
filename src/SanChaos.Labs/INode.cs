using SanChaos.Core.Commands;

namespace SanChaos.Labs;

/// <summary>A node of the lab as the harness reaches it: over SSH on its management address.</summary>
public interface INode
{
    /// <summary>The node's inventory name (otter, weasel, badger...).</summary>
    string Name { get; }

    /// <summary>
    /// Runs a shell command on the node and returns its exit code and output. Never throws for a non-zero
    /// exit; throws <see cref="Core.Errors.SanChaosException"/> when the node cannot be reached.
    /// </summary>
    /// <param name="command">A POSIX shell command line, run by the node's login shell.</param>
    /// <param name="timeout">Kills the command after this long; default 60 s.</param>
    /// <param name="ct">Cancels the command.</param>
    Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> on the node (mode as octal, e.g. "0644").</summary>
    Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default);

    /// <summary>
    /// Writes several files, each replaced atomically as by <see cref="UploadAsync"/>. A node where every remote
    /// command costs a round trip and a few forks (UML: ~36 ms a fork) does it in one command; the default writes
    /// them one by one.
    /// </summary>
    async Task UploadAllAsync(IReadOnlyList<NodeFile> files, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var f in files) await UploadAsync(f.Path, f.Content, f.Mode, ct).ConfigureAwait(false);
    }
}
