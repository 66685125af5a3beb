using SanChaos.Core.Commands;

namespace SanChaos.Labs;

/// <summary>Helpers over <see cref="INode"/>.</summary>
public static class NodeExtensions
{
    /// <summary>Runs a command and throws <see cref="CommandFailedException"/> (node, command, exit, output) unless it exits 0.</summary>
    public static async Task<string> RunAsync(this INode node, string command, TimeSpan? timeout = null,
        string remedy = "", CancellationToken ct = default)
    {
        var r = await node.ExecAsync(command, timeout, ct).ConfigureAwait(false);
        if (!r.Succeeded) throw new CommandFailedException(node.Name, command, r, remedy);
        return r.StandardOutput;
    }
}
