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

    /// <summary>
    /// Runs several independent commands and returns their results in order, as if each had been run by
    /// <see cref="ExecAsync"/> (each in its own subshell, stdin empty). A node where every remote command costs a
    /// round trip (SSH to UML) runs them in one; the default runs them one by one. Probes that sample the whole
    /// cluster use this, so a snapshot costs one round trip per node.
    /// </summary>
    /// <param name="commands">The command lines.</param>
    /// <param name="timeout">For all of them together; default 60 s.</param>
    /// <param name="ct">Cancels them.</param>
    async Task<IReadOnlyList<CommandResult>> ExecAllAsync(IReadOnlyList<string> commands, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var results = new List<CommandResult>(commands.Count);
        foreach (var c in commands) results.Add(await ExecAsync(c, timeout, ct).ConfigureAwait(false));
        return results;
    }

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
