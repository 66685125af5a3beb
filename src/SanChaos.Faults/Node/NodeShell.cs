using SanChaos.Core.Errors;
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

    /// <summary>The first non-empty line of <paramref name="output"/>, trimmed, or "".</summary>
    public static string FirstLine(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
}
