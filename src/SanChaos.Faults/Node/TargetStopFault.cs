using System.Globalization;
using SanChaos.Core.Errors;
using SanChaos.Faults.Catalog;

namespace SanChaos.Faults.Node;

/// <summary>
/// Stop the iSCSI target on a node. LIO: disable the target portal group through configfs
/// (<see cref="NodeFaultCommands.LioStop"/>), heal = enable it again if it still exists; tgt: stop tgtd, heal = start it
/// if it is not running.
/// </summary>
internal sealed class TargetStopFault : IFault, IFaultFacts, IDescribesActions
{
    private readonly string _node;
    private readonly string _implementation;
    private readonly string _iqn;
    private readonly NodeShell _shell;
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    public TargetStopFault(string node, string implementation, string iqn, NodeShell shell)
    {
        if (implementation is not ("lio" or "tgt"))
            throw new SanChaosException($"The iSCSI target implementation '{implementation}' is not one SanChaos can stop (lio or tgt).",
                "Set `sut: iscsi_target: implementation:` to lio or tgt in the inventory.");
        _node = node;
        _implementation = implementation;
        _iqn = iqn;
        _shell = shell;
        Descriptor = new FaultDescriptor(FaultKinds.StopTarget,
            new Dictionary<string, string> { ["node"] = node, ["implementation"] = implementation, ["iqn"] = iqn });
        Targets = [FaultTarget.Node(node)];
    }

    public string Name => $"stop the iSCSI target on {_node}";

    public FaultDescriptor Descriptor { get; }

    public IReadOnlyList<FaultTarget> Targets { get; }

    public IReadOnlyDictionary<string, string> Facts => _facts;

    public async Task InjectAsync(CancellationToken ct = default)
    {
        await _shell.RunAsync(_node, Command(FaultPhase.Inject),
            $"Stop the target on the node that holds the Heartbeat resources (`sanchaos lab status` shows which), and check that {_iqn} is the target's name.",
            ct).ConfigureAwait(false);
        _facts["target"] = $"{_implementation} {_iqn} stopped";
    }

    public async Task HealAsync(CancellationToken ct = default)
    {
        var output = await _shell.RunAsync(_node, Command(FaultPhase.Heal),
            $"Start the target on {_node} by hand (or restart heartbeat's target resource) and read the node's kernel log.",
            ct).ConfigureAwait(false);
        _facts["target"] = $"{_implementation} {_iqn}: {NodeShell.FirstLine(output)}";
    }

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) => phase == FaultPhase.Inject
        ? [$"stop the {_implementation} iSCSI target {_iqn} on {_node}: `{Command(phase)}`"]
        : [$"start the {_implementation} iSCSI target {_iqn} on {_node} again: `{Command(phase)}`"];

    private string Command(FaultPhase phase)
    {
        var c = _shell.Commands;
        if (_implementation == "tgt") return phase == FaultPhase.Inject ? c.TgtStop : c.TgtStart;
        var file = NodeFaultCommands.Fill(c.LioEnableFile,
            new Dictionary<string, string> { ["iqn"] = _iqn, ["tpgt"] = c.LioTpgt.ToString(CultureInfo.InvariantCulture) }, quote: false);
        return NodeFaultCommands.Fill(phase == FaultPhase.Inject ? c.LioStop : c.LioStart, new Dictionary<string, string> { ["enable_file"] = file });
    }
}
