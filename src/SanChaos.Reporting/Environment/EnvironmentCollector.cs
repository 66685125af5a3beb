using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Reporting.Environment;

/// <summary>
/// Asks every node of a lab what it runs (kernel, DRBD module and utils, Heartbeat, the target, open-iscsi,
/// multipath-tools) with the <c>version_*</c> commands of lab/sut/commands.yaml, one round trip per node, and writes
/// the run's <c>environment.json</c>. A new item is a new <c>version_&lt;item&gt;</c> command there, not code. Never throws
/// for a node: one that cannot be asked gets its error in <see cref="NodeEnvironment.Errors"/>.
/// </summary>
public static class EnvironmentCollector
{
    /// <summary>The prefix of the catalog's version commands.</summary>
    public const string CommandPrefix = "version_";

    /// <summary>How long one node may take to answer all of them. 30 s.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Collects from <paramref name="lab"/> and writes <c>environment.json</c> into <paramref name="runDirectory"/>;
    /// returns what was written.</summary>
    /// <param name="lab">The lab the drills run on.</param>
    /// <param name="runDirectory">The run folder (the folder of scenarios.jsonl).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<RunEnvironment> WriteAsync(ILab lab, string runDirectory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var env = await CollectAsync(lab.Inventory, lab.Nodes, catalog: null, ct).ConfigureAwait(false);
        env.Write(runDirectory);
        return env;
    }

    /// <summary>Collects the environment of <paramref name="inventory"/>'s nodes.</summary>
    /// <param name="inventory">The lab's inventory (name, kind, SUT settings, node roles).</param>
    /// <param name="nodes">The nodes by inventory name; nodes of the inventory missing here are reported as not reachable.</param>
    /// <param name="catalog">The command catalog; default <see cref="CommandCatalog.Default"/>.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<RunEnvironment> CollectAsync(LabInventory inventory, IReadOnlyDictionary<string, INode> nodes,
        CommandCatalog? catalog = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(nodes);
        catalog ??= CommandCatalog.Default;
        var names = catalog.CommandNames.Where(n => n.StartsWith(CommandPrefix, StringComparison.Ordinal)).ToArray();
        var perNode = await Task.WhenAll(inventory.Nodes.Select(spec => NodeAsync(inventory, spec, nodes.GetValueOrDefault(spec.Name), catalog, names, ct)))
            .ConfigureAwait(false);
        return new RunEnvironment(DateTimeOffset.UtcNow, System.Environment.MachineName, inventory.Name,
            inventory.Kind.ToString().ToLowerInvariant(), inventory.SourcePath, SutSettings.From(inventory.Sut), perNode);
    }

    private static async Task<NodeEnvironment> NodeAsync(LabInventory inventory, NodeSpec spec, INode? node, CommandCatalog catalog,
        IReadOnlyList<string> names, CancellationToken ct)
    {
        var role = spec.Role.ToString().ToLowerInvariant();
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null) return new NodeEnvironment(spec.Name, role, versions, ["the lab has no connection to this node"]);
        try
        {
            var commands = names.Select(n => Render(catalog, n, inventory, spec.Name)).ToArray();
            var results = await node.ExecAllAsync(commands, Timeout, ct).ConfigureAwait(false);
            for (var i = 0; i < names.Count && i < results.Count; i++)
            {
                var text = results[i].StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (results[i].Succeeded && !string.IsNullOrEmpty(text)) versions[Key(names[i])] = text;
            }

            return new NodeEnvironment(spec.Name, role, versions);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new NodeEnvironment(spec.Name, role, versions, [$"{e.GetType().Name}: {e.Message.Split('\n')[0]}"]);
        }
    }

    /// <summary>The environment key of a version command: the name after the prefix, underscores as dashes.</summary>
    internal static string Key(string commandName) => commandName[CommandPrefix.Length..].Replace('_', '-');

    private static string Render(CommandCatalog catalog, string name, LabInventory inventory, string node)
    {
        var template = catalog.Template(name);
        return template.Contains("{{", StringComparison.Ordinal) ? catalog.Command(name, SutValues.For(inventory, node, catalog)) : template;
    }
}
