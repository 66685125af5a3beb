using SanChaos.Faults.Catalog;

namespace SanChaos.Faults.Node;

/// <summary>
/// A changed multipath setting on a client (for drills over the SAN's tuning, e.g. <c>no_path_retry queue</c>): the
/// provisioned multipath.conf is kept on the node and its overrides line for the key replaced, then multipathd re-reads
/// it (<see cref="NodeFaultCommands.MultipathSet"/>). Heal = the provisioned file back (<see cref="NodeFaultCommands.MultipathRestore"/>),
/// idempotent and possible from another process (the original lives on the node).
/// </summary>
internal sealed class MultipathSettingFault(string node, string key, string value, NodeShell shell) : IFault, IFaultFacts, IDescribesActions
{
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    public string Name => $"set multipath {key} on {node}";

    public FaultDescriptor Descriptor { get; } =
        new(FaultKinds.MultipathSetting, new Dictionary<string, string> { ["node"] = node, ["key"] = key, ["value"] = value });

    public IReadOnlyList<FaultTarget> Targets { get; } = [FaultTarget.Node(node)];

    public IReadOnlyDictionary<string, string> Facts => _facts;

    public async Task InjectAsync(CancellationToken ct = default)
    {
        var output = await shell.RunAsync(node, SetCommand,
            $"Check {shell.Commands.MultipathConf} on {node}: the provisioned file sets {key} in its overrides section.", ct).ConfigureAwait(false);
        _facts["effective"] = NodeShell.FirstLine(output);
    }

    public async Task HealAsync(CancellationToken ct = default)
    {
        var output = await shell.RunAsync(node, RestoreCommand,
            $"Restore {shell.Commands.MultipathConf} on {node} from {shell.Commands.MultipathConf}.sanchaos-orig by hand, then `multipathd reconfigure`.", ct).ConfigureAwait(false);
        _facts["multipath.conf"] = NodeShell.FirstLine(output);
    }

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) => phase == FaultPhase.Inject
        ? [$"set `{key} {value}` in the overrides of {shell.Commands.MultipathConf} on {node} (original kept) and `multipathd reconfigure`: `{SetCommand}`"]
        : [$"put the provisioned {shell.Commands.MultipathConf} back on {node}: `{RestoreCommand}`"];

    private string SetCommand => NodeFaultCommands.Fill(shell.Commands.MultipathSet,
        new Dictionary<string, string> { ["conf"] = shell.Commands.MultipathConf, ["key"] = key, ["value"] = value });

    private string RestoreCommand => NodeFaultCommands.Fill(shell.Commands.MultipathRestore,
        new Dictionary<string, string> { ["conf"] = shell.Commands.MultipathConf });
}
