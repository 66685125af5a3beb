using System.Text;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs;

namespace SanChaos.Config.Sources;

/// <summary>
/// Collects the configuration layout from a running lab's nodes over <see cref="INode.ExecAsync"/>: one command per
/// node that prints every file of <see cref="ConfigLayout"/> the node has (mode from <c>stat -c %a</c>, content in
/// base64 so it arrives byte for byte) and the output of its commands.
/// </summary>
public static class LabConfigCollector
{
    /// <summary>Collects every node of <paramref name="inventory"/> (in parallel).</summary>
    /// <param name="inventory">The lab; its node roles choose the files.</param>
    /// <param name="nodes">The lab's nodes by name (<c>ILab.Nodes</c>).</param>
    /// <param name="timeout">Per node; default 60 s.</param>
    /// <param name="ct">Cancels.</param>
    /// <exception cref="ConfigInputException">A node of the inventory is not among <paramref name="nodes"/>.</exception>
    public static async Task<CollectedConfig> CollectAsync(LabInventory inventory, IReadOnlyDictionary<string, INode> nodes,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(nodes);
        var missing = inventory.Nodes.Where(n => !nodes.ContainsKey(n.Name)).Select(n => n.Name).ToArray();
        if (missing.Length > 0)
            throw new ConfigInputException($"The lab {inventory.Name} ({inventory.SourcePath}) has no running node {string.Join(", ", missing)}.",
                "bring the lab up first (`sanchaos lab up`), or lint a collected folder instead.");
        var collected = await Task.WhenAll(inventory.Nodes.Select(async spec =>
        {
            var node = nodes[spec.Name];
            var script = Script(spec.Role);
            var result = await node.ExecAsync(script, timeout ?? TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                // The output is the files in base64 (hundreds of KB): the error keeps which files came, not their bytes.
                var came = string.Join(", ", result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => l.Split(' ')).Where(p => p.Length >= 3).Select(p => p[0] == "F" ? p[2] : p[1]));
                throw new Core.Commands.CommandFailedException(spec.Name, "(configuration collection script)",
                    result with { StandardOutput = came.Length == 0 ? "" : $"(files read before it ended: {came})" },
                    "check that the node is up and has coreutils (stat, base64): `sanchaos lab status`.");
            }
            return new CollectedNode(spec.Name, spec.Role, Parse(spec.Name, result.StandardOutput));
        })).ConfigureAwait(false);
        return new CollectedConfig($"lab {inventory.Name} ({inventory.SourcePath})", collected) { Kind = inventory.Kind };
    }

    /// <summary>The shell script that prints a node's files: <c>F mode path base64</c> and <c>C path base64</c> lines.</summary>
    public static string Script(NodeRole role)
    {
        var sb = new StringBuilder();
        sb.Append("f() { [ -f \"$1\" ] || return 0; printf 'F %s %s ' \"$(stat -c %a \"$1\")\" \"$2\"; base64 -w0 < \"$1\"; echo; }; ");
        sb.Append("c() { printf 'C %s ' \"$1\"; base64 -w0; echo; }; ");
        foreach (var e in ConfigLayout.For(role))
        {
            if (e.Command is not null)
                sb.Append("{ ").Append(e.Command).Append("; } 2>/dev/null | c ").Append(e.FolderPath).Append("; ");
            else if (e.NodePath!.Contains('*'))
                sb.Append("for x in ").Append(e.NodePath).Append("; do f \"$x\" \"").Append(e.FolderPath[..(e.FolderPath.LastIndexOf('/') + 1)]).Append("${x##*/}\"; done; ");
            else
                sb.Append("f ").Append(e.NodePath).Append(' ').Append(e.FolderPath).Append("; ");
        }

        sb.Append("exit 0");
        return sb.ToString();
    }

    /// <summary>Reads the script's output into files (empty command output is dropped).</summary>
    public static IReadOnlyList<ConfigFile> Parse(string node, string output)
    {
        var files = new List<ConfigFile>();
        foreach (var line in Parsing.TextLines.Split(output))
        {
            var parts = line.Split(' ');
            try
            {
                if (parts is ["F", var mode, var path, var b64])
                    files.Add(new ConfigFile(node, path, Decode(b64), ConfigFolder.ParseMode(mode)));
                else if (parts is ["C", var name, var data] && data.Length > 0)
                    files.Add(new ConfigFile(node, name, Decode(data)));
            }
            catch (FormatException e)
            {
                throw new SanChaosException($"On {node}, the configuration collection printed a line that is not base64: '{line}'.",
                    "check that the node's base64 is GNU coreutils (base64 -w0).", e);
            }
        }

        return files;
    }

    private static string Decode(string b64) => Encoding.UTF8.GetString(Convert.FromBase64String(b64));
}
