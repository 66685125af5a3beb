using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;
using SanChaos.Faults.Catalog;
using SanChaos.Labs;

namespace SanChaos.Faults.Node;

/// <summary>Runs the catalogue's node commands on a lab node, with the configured timeout; non-zero exits throw with node, command, exit and output.</summary>
internal sealed class NodeShell(ILab lab, FaultCatalogOptions options)
{
    public NodeFaultCommands Commands => options.Commands;

    public Task<string> RunAsync(string node, string command, string remedy, CancellationToken ct)
    {
        if (!lab.Nodes.TryGetValue(node, out var n))
            throw new SanChaosException(
                $"The lab {lab.Inventory.Name} has no connection to node {node} (it has: {(lab.Nodes.Count == 0 ? "none" : string.Join(", ", lab.Nodes.Keys))}).",
                "Bring the lab up first (`sanchaos lab up`), or check that the node answers SSH.");
        return n.RunAsync(command, options.NodeCommandTimeout, remedy, ct);
    }

    /// <summary>
    /// <see cref="RunAsync"/>, waiting first (up to <see cref="FaultCatalogOptions.NodeUpTimeout"/>) while the node does not
    /// answer SSH: a heal that changes a node's files runs right after that node's power came back, while it still boots.
    /// </summary>
    public async Task<string> RunWhenUpAsync(string node, string command, string remedy, CancellationToken ct)
    {
        string? output = null;
        await Wait.UntilAsync($"{node} answers SSH to run `{command}`", async t =>
        {
            try
            {
                output = await RunAsync(node, command, remedy, t).ConfigureAwait(false);
                return Probe.Yes("ran");
            }
            catch (SshConnectionException e)
            {
                return Probe.No(e.SshError);
            }
        }, options.NodeUpTimeout, TimeSpan.FromSeconds(2), options.Time,
            $"{node} did not come back (see its console log); run the command by hand once it answers: {remedy}", ct).ConfigureAwait(false);
        return output!;
    }

    /// <summary>The first non-empty line of <paramref name="output"/>, trimmed, or "".</summary>
    public static string FirstLine(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
}
