using System.Collections.Concurrent;
using SanChaos.Core.Commands;
using SanChaos.Faults.Tests.Fakes;
using SanChaos.Labs;
using SanChaos.Labs.Remote;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>
/// Two storage nodes' DRBD resource as DRBD 8.4 behaves in the protocol drill (otter and weasel): each node has a
/// protocol in its file and one running; power comes from the PDU's actuator. A node that was off boots on the first
/// command that reaches it (its sshd and drbd.service start together) and connects with the protocol in its file: to a
/// peer in WFConnection with the same protocol it connects, with another it logs "incompatible protocol settings" and
/// both go StandAlone (drbd_receiver.c receive_protocol); a StandAlone peer accepts nothing, so it waits in WFConnection.
/// Its commands are the short stand-ins <see cref="Commands"/> puts in place of the real shell lines.
/// </summary>
public sealed class DrbdPairSimulation(RecordingOutletActuator power)
{
    private readonly object _gate = new();
    private readonly RecordingOutletActuator _power = power;
    private readonly Dictionary<string, State> _nodes = new(StringComparer.Ordinal) { ["otter"] = new(), ["weasel"] = new() };

    /// <summary>What happened, in order (boots, connections, kernel lines).</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The stand-in commands: <c>drbd-set 'key' 'value'</c>, <c>drbd-restore</c>, <c>drbd-hold</c>, <c>drbd-settle</c>, <c>drbd-cstate</c>.</summary>
    public static Catalog.NodeFaultCommands Commands => Catalog.NodeFaultCommands.Default with
    {
        DrbdSet = "drbd-set {{key}} {{value}}",
        DrbdRestore = "drbd-restore",
        DrbdHold = "drbd-hold",
        DrbdSettle = "drbd-settle",
        DrbdConnectionState = "drbd-cstate",
        DrbdSplitBrainSeen = "drbd-split-brain-seen",
    };

    public INode Node(string name) => new SimNode(this, name);

    /// <summary>The connection state of <paramref name="node"/> (<c>off</c> while unpowered).</summary>
    public string CState(string node)
    {
        lock (_gate)
        {
            Sync();
            return _nodes[node].CState;
        }
    }

    /// <summary>The protocol <paramref name="node"/> runs with.</summary>
    public string Running(string node)
    {
        lock (_gate) return _nodes[node].Running;
    }

    private string Exec(string node, string command)
    {
        lock (_gate)
        {
            Sync();
            var me = _nodes[node];
            if (!me.Up)
                throw new SshConnectionException(node, $"root@{node}:22", command, "Connection refused", $"{node} does not answer SSH (it is off).", "wait for it");
            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'')).ToArray();
            switch (words[0])
            {
                case "drbd-set":
                    me.File = words[2];
                    Adjust(node);
                    return $"protocol {me.Running};";
                case "drbd-restore":
                    me.File = "C";
                    Adjust(node);
                    return "restored";
                case "drbd-hold":
                    Disconnect(node);
                    return me.CState;
                case "drbd-settle":
                    Adjust(node);
                    return me.CState;
                case "drbd-cstate":
                    return me.CState;
                case "drbd-split-brain-seen":
                    return "none";
                default:
                    throw new InvalidOperationException($"the simulation has no command `{command}`");
            }
        }
    }

    /// <summary>Applies the actuator's power: a node without power is off; one that got it back boots and connects.</summary>
    private void Sync()
    {
        foreach (var (name, s) in _nodes)
        {
            var powered = _power.IsPowered(name);
            if (!powered && s.Up)
            {
                s.Up = false;
                s.CState = "off";
                var peer = Peer(name);
                if (peer.Up && peer.CState == "Connected") peer.CState = "WFConnection";
            }
        }
    }

    private void Boot(string name)
    {
        var s = _nodes[name];
        s.Up = true;
        s.Running = s.File;
        Log.Enqueue($"{name} boots with protocol {s.Running}");
        Connect(name);
    }

    /// <summary><c>drbdadm adjust</c>: the file's protocol applied (online, to a connected peer too); a StandAlone resource is connected.</summary>
    private void Adjust(string name)
    {
        var s = _nodes[name];
        s.Running = s.File;
        if (s.CState == "StandAlone") Connect(name);
        else if (s.CState == "Connected") Peer(name).Running = s.Running;
    }

    private void Disconnect(string name)
    {
        var s = _nodes[name];
        var peer = Peer(name);
        if (s.CState == "Connected" && peer.Up) peer.CState = "WFConnection";
        s.CState = "StandAlone";
        Log.Enqueue($"{name} StandAlone (disconnect)");
    }

    private void Connect(string name)
    {
        var s = _nodes[name];
        var peerName = _nodes.Keys.Single(n => n != name);
        var peer = _nodes[peerName];
        if (!peer.Up || peer.CState == "StandAlone")
        {
            s.CState = "WFConnection";
            return;
        }

        if (peer.Running != s.Running)
        {
            Log.Enqueue($"{peerName}: incompatible protocol settings");
            s.CState = peer.CState = "StandAlone";
            return;
        }

        s.CState = peer.CState = "Connected";
        Log.Enqueue($"{name} and {peerName} connected with protocol {s.Running}");
    }

    private State Peer(string name) => _nodes[_nodes.Keys.Single(n => n != name)];

    private sealed class State
    {
        public string File { get; set; } = "C";

        public string Running { get; set; } = "C";

        public string CState { get; set; } = "Connected";

        public bool Up { get; set; } = true;
    }

    private sealed class SimNode(DrbdPairSimulation sim, string name) : INode
    {
        public string Name => name;

        public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
        {
            lock (sim._gate)
            {
                sim.Sync();
                if (!sim._nodes[name].Up && sim._power.IsPowered(name)) sim.Boot(name);
            }

            return Task.FromResult(new CommandResult(0, sim.Exec(name, command) + "\n", ""));
        }

        public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => Task.CompletedTask;
    }
}
