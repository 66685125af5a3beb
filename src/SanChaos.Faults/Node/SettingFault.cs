namespace SanChaos.Faults.Node;

/// <summary>One node command that changes or restores a setting, with what to do by hand when it fails.</summary>
/// <param name="Command">The filled shell line.</param>
/// <param name="Remedy">What an engineer does when it fails.</param>
internal sealed record SettingCommand(string Command, string Remedy);

/// <summary>
/// A changed setting on one node for a drill over the SAN's tuning (multipath's no_path_retry, open-iscsi's
/// replacement_timeout, DRBD's protocol): the set command keeps the provisioned value on the node and changes it; heal
/// puts it back, idempotent and possible from another process (the original lives on the node, the descriptor says
/// what was changed). The commands are data (<see cref="Catalog.NodeFaultCommands"/>). A setting read at boot by a service
/// between nodes (DRBD) carries that service's <paramref name="hold"/> (<see cref="INodeSetting"/>).
/// </summary>
internal sealed class SettingFault(string name, FaultDescriptor descriptor, string node, SettingCommand set, SettingCommand restore, NodeShell shell,
    ISettingHold? hold = null)
    : IFault, IFaultFacts, IDescribesActions, INodeSetting
{
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    public string Name => name;

    public FaultDescriptor Descriptor => descriptor;

    public IReadOnlyList<FaultTarget> Targets { get; } = [FaultTarget.Node(node)];

    public IReadOnlyDictionary<string, string> Facts => _facts;

    public IReadOnlyList<string> SettingNodes { get; } = [node];

    public ISettingHold? Hold => hold;

    public async Task InjectAsync(CancellationToken ct = default) =>
        _facts["effective"] = NodeShell.FirstLine(await shell.RunAsync(node, set.Command, set.Remedy, ct).ConfigureAwait(false));

    public async Task HealAsync(CancellationToken ct = default) =>
        _facts["restored"] = NodeShell.FirstLine(await shell.RunWhenUpAsync(node, restore.Command, restore.Remedy, ct).ConfigureAwait(false));

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) => phase == FaultPhase.Inject
        ? [$"{name} on {node}: `{set.Command}`"]
        : [$"put the provisioned setting back on {node}: `{restore.Command}`"];
}
