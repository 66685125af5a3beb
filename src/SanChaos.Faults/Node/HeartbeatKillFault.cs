using SanChaos.Faults.Catalog;

namespace SanChaos.Faults.Node;

/// <summary>
/// Kill the heartbeat daemon on a node: <c>kill -9</c> of its master process (<see cref="NodeFaultCommands.HeartbeatKill"/>),
/// recording the pids killed. Heal = start heartbeat only if it is not running (<see cref="NodeFaultCommands.HeartbeatStart"/>).
/// </summary>
internal sealed class HeartbeatKillFault(string node, NodeShell shell) : IFault, IFaultFacts, IDescribesActions
{
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    public string Name => $"kill heartbeat on {node}";

    public FaultDescriptor Descriptor { get; } = new(FaultKinds.KillHeartbeat, new Dictionary<string, string> { ["node"] = node });

    public IReadOnlyList<FaultTarget> Targets { get; } = [FaultTarget.Node(node)];

    public IReadOnlyDictionary<string, string> Facts => _facts;

    public async Task InjectAsync(CancellationToken ct = default)
    {
        var output = await shell.RunAsync(node, KillCommand,
            $"heartbeat must run on {node} before it can be killed: bring the SAN to steady state first (or start it: `/etc/init.d/heartbeat start`).",
            ct).ConfigureAwait(false);
        _facts["pids"] = NodeShell.FirstLine(output);
    }

    public async Task HealAsync(CancellationToken ct = default)
    {
        var output = await shell.RunAsync(node, StartCommand,
            $"Start heartbeat on {node} by hand and read /var/log/ha-log (or `journalctl -u heartbeat`) for why it does not start.",
            ct).ConfigureAwait(false);
        _facts["heartbeat"] = NodeShell.FirstLine(output);
    }

    public IReadOnlyList<string> DescribeActions(FaultPhase phase) => phase == FaultPhase.Inject
        ? [$"kill -9 heartbeat's master process on {node}: `{KillCommand}`"]
        : [$"start heartbeat on {node} unless it runs: `{StartCommand}`"];

    private string KillCommand => NodeFaultCommands.Fill(shell.Commands.HeartbeatKill, PidFile);

    private string StartCommand => NodeFaultCommands.Fill(shell.Commands.HeartbeatStart, PidFile);

    private Dictionary<string, string> PidFile => new() { ["pid_file"] = shell.Commands.HeartbeatPidFile };
}
