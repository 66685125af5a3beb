using SanChaos.Faults.Catalog;

namespace SanChaos.Faults.Node;

/// <summary>
/// DRBD's fencing policy on both storage nodes for a drill (the seeds have none): <c>disk { fencing POLICY; }</c> and,
/// unless the policy is <c>dont-care</c>, DRBD's packaged ssh fence-peer handler
/// (<see cref="NodeFaultCommands.DrbdOutdatePeerHandler"/>: <c>drbdadm outdate</c> on the peer over the management
/// network), with a root key pair per node that only the handler uses. Heal: the provisioned resource file back
/// (<c>drbdadm adjust</c>) and the keys' trust removed, on both nodes; idempotent, possible from another process. DRBD is
/// held and settled around the heal like any DRBD setting (<see cref="INodeSetting"/>).
/// </summary>
internal sealed class DrbdFencingFault(string policy, string resource, IReadOnlyList<(string Node, string Address)> nodes, NodeShell shell, ISettingHold hold)
    : IFault, IFaultFacts, IDescribesActions, INodeSetting
{
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    public string Name => $"set DRBD fencing {policy} on {string.Join(" and ", nodes.Select(n => n.Node))}";

    public FaultDescriptor Descriptor { get; } = new(FaultKinds.DrbdFencing, new Dictionary<string, string> { ["policy"] = policy });

    public IReadOnlyList<FaultTarget> Targets { get; } = nodes.Select(n => FaultTarget.Node(n.Node)).ToArray();

    public IReadOnlyDictionary<string, string> Facts => _facts;

    public IReadOnlyList<string> SettingNodes { get; } = nodes.Select(n => n.Node).ToArray();

    public ISettingHold? Hold => hold;

    private NodeFaultCommands Commands => shell.Commands;

    private bool WithHandler => policy != "dont-care";

    /// <summary>The handler line: <c>sanchaos-fence-peer outdate-peer.sh on otter 172.16.1.1 on weasel 172.16.1.2</c> (the
    /// packaged handler behind the evidence wrapper, <see cref="NodeFaultCommands.FenceEvidenceScript"/>).</summary>
    public string Handler =>
        $"\"{Commands.FenceEvidenceWrapper} {Commands.DrbdOutdatePeerHandler} {string.Join(" ", nodes.Select(n => $"on {n.Node} {n.Address}"))}\"";

    private string WrapperInstall => NodeFaultCommands.Fill(Commands.FenceEvidenceInstall, new Dictionary<string, string>
    {
        ["wrapper"] = Commands.FenceEvidenceWrapper,
        ["script_base"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Commands.FenceEvidenceScript.ReplaceLineEndings("\n"))),
    });

    private string WrapperRemove => NodeFaultCommands.Fill(Commands.FenceEvidenceRemove, new Dictionary<string, string> { ["wrapper"] = Commands.FenceEvidenceWrapper });

    public async Task InjectAsync(CancellationToken ct = default)
    {
        if (WithHandler)
        {
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (node, _) in nodes)
                keys[node] = NodeShell.FirstLine(await shell.RunAsync(node, Commands.FenceKeyCreate,
                    $"Check that ssh-keygen exists on {node} and /root/.ssh is writable.", ct).ConfigureAwait(false));
            foreach (var (node, _) in nodes)
                foreach (var (peer, address) in nodes.Where(p => p.Node != node))
                    await shell.RunAsync(node, Trust(keys[peer], address),
                        $"Check /root/.ssh on {node}; heal with `sanchaos fault heal --all`.", ct).ConfigureAwait(false);
            foreach (var (node, _) in nodes)
                await shell.RunAsync(node, WrapperInstall, $"Check that {Commands.FenceEvidenceWrapper}'s folder is writable on {node}.", ct).ConfigureAwait(false);
            foreach (var (node, _) in nodes)
                _facts[$"fence-peer on {node}"] = NodeShell.FirstLine(await shell.RunAsync(node, Set("handlers", "fence-peer", Handler),
                    $"Check {File} on {node}.", ct).ConfigureAwait(false));
        }
        foreach (var (node, _) in nodes)
            _facts[$"fencing on {node}"] = NodeShell.FirstLine(await shell.RunAsync(node, Set("disk", "fencing", policy),
                $"Check {File} on {node}: `drbdadm adjust {resource}` must accept `fencing {policy};`.", ct).ConfigureAwait(false));
    }

    public async Task HealAsync(CancellationToken ct = default)
    {
        List<Exception>? errors = null;
        foreach (var (node, _) in nodes)
        {
            try
            {
                _facts[$"restored on {node}"] = NodeShell.FirstLine(await shell.RunWhenUpAsync(node, Restore,
                    $"Put {File}.sanchaos-orig back over {File} on {node} by hand, then `drbdadm adjust {resource}`.", ct).ConfigureAwait(false));
                await shell.RunWhenUpAsync(node, Commands.FenceUntrust,
                    $"Remove the lines ending in 'sanchaos-fence' from /root/.ssh/authorized_keys and the sanchaos-fence block of /root/.ssh/config on {node}.", ct).ConfigureAwait(false);
                await shell.RunWhenUpAsync(node, WrapperRemove, $"Remove {Commands.FenceEvidenceWrapper} on {node} by hand.", ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (errors ??= []).Add(e);
            }
        }
        if (errors is not null) throw new AggregateException(errors);
    }

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) => phase == FaultPhase.Inject
        ? [.. WithHandler
                ? new[] { $"create a fence key on each of {string.Join(", ", nodes.Select(n => n.Node))} and let each peer's key in over the management network",
                          $"set `fence-peer {Handler};` in {File}'s handlers: `{Set("handlers", "fence-peer", Handler)}`" }
                : [],
           $"set `fencing {policy};` in {File}'s disk section and `drbdadm adjust {resource}` on each storage node: `{Set("disk", "fencing", policy)}`"]
        : [$"put the provisioned {File} back and `drbdadm adjust {resource}`, remove the fence keys' trust on each storage node: `{Restore}`"];

    private string File => NodeFaultCommands.Fill(Commands.DrbdResourceFile, new Dictionary<string, string> { ["resource"] = resource }, quote: false);

    private string Set(string section, string key, string value) => NodeFaultCommands.Fill(Commands.DrbdSet, new Dictionary<string, string>
        { ["file"] = File, ["resource"] = resource, ["section"] = section, ["key"] = key, ["value"] = value });

    private string Restore => NodeFaultCommands.Fill(Commands.DrbdRestore, new Dictionary<string, string> { ["file"] = File, ["resource"] = resource });

    private string Trust(string peerKey, string peerAddress) => NodeFaultCommands.Fill(Commands.FenceTrust, new Dictionary<string, string>
        { ["peer_key"] = peerKey, ["peer_addresses"] = peerAddress });
}
