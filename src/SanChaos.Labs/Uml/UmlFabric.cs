using System.Text;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Uml;

/// <summary>
/// The lab's wiring, all inside its own network namespace <c>sanchaos-&lt;run id&gt;</c>: one bridge per
/// <see cref="UmlBridge"/> (STP off, forward delay 0, no multicast snooping), one persistent tap per node interface
/// attached to its bridge, and the harness's address on the management bridge. Nothing is created in the host's
/// own namespace. Device names need only be unique inside the namespace (which carries the run id):
/// bridges <c>scb-&lt;bridge&gt;</c>, taps <c>sct-&lt;node&gt;-&lt;interface&gt;</c>, shortened to <c>scbN</c> and
/// <c>sctN-M</c> when longer than Linux's 15 characters.
/// <para>
/// A port passes frames when its cable is not cut and its bridge's switch has power. Ports are switched with the
/// bridge port state (<c>bridge link set dev &lt;tap&gt; state 0|3</c>: disabled drops every frame both ways,
/// forwarding passes them); taps stay up. The guest keeps its carrier (UML's vector driver does not see the host
/// side), so a cut cable or a dead switch shows to the node as frames that stop passing, not as link down. A switch
/// without power disables all its node ports in one batch; the harness's own address on the management bridge then
/// reaches no node either.
/// </para>
/// </summary>
internal sealed class UmlFabric
{
    private const int MaxIfName = 15;
    private readonly UmlTopology _topology;
    private readonly Dictionary<string, string> _bridgeDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Node, string Nic), string> _taps = new();

    /// <summary>Computes device names for <paramref name="topology"/>; creates nothing.</summary>
    public UmlFabric(UmlTopology topology)
    {
        _topology = topology;
        for (var b = 0; b < topology.Bridges.Count; b++)
        {
            var name = "scb-" + topology.Bridges[b].Name;
            _bridgeDevices[topology.Bridges[b].Name] = name.Length <= MaxIfName ? name : $"scb{b}";
        }

        for (var n = 0; n < topology.Nodes.Count; n++)
        {
            var node = topology.Nodes[n];
            for (var i = 0; i < node.Interfaces.Count; i++)
            {
                var name = $"sct-{node.Name}-{node.Interfaces[i].GuestName}";
                _taps[(node.Name, node.Interfaces[i].GuestName)] = name.Length <= MaxIfName ? name : $"sct{n}-{i}";
            }
        }
    }

    /// <summary>The namespace.</summary>
    public string Namespace => _topology.Namespace;

    /// <summary>Every bridge device.</summary>
    public IReadOnlyList<string> BridgeDevices => _bridgeDevices.Values.ToArray();

    /// <summary>Every tap device.</summary>
    public IReadOnlyList<string> TapDevices => _taps.Values.ToArray();

    /// <summary>The bridge device of logical bridge <paramref name="bridge"/>.</summary>
    public string BridgeDevice(string bridge) => _bridgeDevices[bridge];

    /// <summary>The tap behind <paramref name="node"/>'s interface <paramref name="nic"/>.</summary>
    public string Tap(string node, string nic) => _taps[(node, nic)];

    /// <summary>Creates the namespace, bridges, taps and the harness address.</summary>
    public async Task CreateAsync(CancellationToken ct)
    {
        await HostCommand.RunCheckedAsync(["ip", "netns", "add", Namespace], ct: ct,
            remedy: $"A namespace {Namespace} may be left from an earlier run: `sanchaos lab down` removes it.").ConfigureAwait(false);
        // No IPv6 inside the lab: no router solicitations or DAD in the captures, nothing but the seeds' IPv4.
        await HostCommand.RunCheckedAsync(["sh", "-c",
            "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"],
            netns: Namespace, ct: ct).ConfigureAwait(false);
        var batch = new StringBuilder();
        batch.AppendLine("link set dev lo up");
        foreach (var dev in _bridgeDevices.Values)
        {
            batch.AppendLine($"link add name {dev} type bridge stp_state 0 forward_delay 0 mcast_snooping 0");
            batch.AppendLine($"link set dev {dev} up");
        }

        foreach (var node in _topology.Nodes)
        foreach (var nic in node.Interfaces)
        {
            var tap = Tap(node.Name, nic.GuestName);
            batch.AppendLine($"tuntap add dev {tap} mode tap");
            batch.AppendLine($"link set dev {tap} master {BridgeDevice(nic.Bridge)}");
            batch.AppendLine($"link set dev {tap} up");
        }

        batch.AppendLine($"addr add {_topology.HarnessAddress} brd + dev {BridgeDevice(_topology.ManagementBridge)}");
        await BatchAsync(batch.ToString(), force: false, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets every bridge port to what the cut cables and unpowered switches say, in one <c>bridge -batch</c> (so a
    /// switch losing power stops all its ports at once): <c>state 0</c> (disabled: no frame in or out) or
    /// <c>state 3</c> (forwarding). Taps never go down: UML's vector driver stops transmitting for good after a write
    /// to a downed tap fails. A port whose tap has no carrier (node off) is left to the kernel, which enables it when
    /// the node's kernel attaches the tap again; call this again then (<see cref="WaitForCarrierAsync"/>).
    /// </summary>
    /// <param name="cutCables">Cut cables as (node, interface).</param>
    /// <param name="switchesOff">Switch names without power.</param>
    /// <param name="ct">Cancels.</param>
    public async Task ApplyAsync(IReadOnlySet<(string Node, string Nic)> cutCables, IReadOnlySet<string> switchesOff, CancellationToken ct)
    {
        var carrier = await CarrierAsync(ct).ConfigureAwait(false);
        var batch = new StringBuilder();
        foreach (var node in _topology.Nodes)
        foreach (var nic in node.Interfaces)
        {
            var tap = Tap(node.Name, nic.GuestName);
            var bridge = _topology.Bridges.First(b => b.Name == nic.Bridge);
            var passes = !cutCables.Contains((node.Name, nic.GuestName)) &&
                         !(bridge.Switch is not null && switchesOff.Contains(bridge.Switch));
            // Forwarding can only be set on a port with carrier (ENETDOWN otherwise); disabled always.
            if (!passes) batch.AppendLine($"link set dev {tap} state 0");
            else if (carrier.Contains(tap)) batch.AppendLine($"link set dev {tap} state 3");
        }

        if (batch.Length == 0) return;
        await HostCommand.RunCheckedAsync(["bridge", "-n", Namespace, "-batch", "-"], standardInput: batch.ToString(), ct: ct,
            remedy: "The lab's bridge ports could not be set; `bridge -n " + Namespace + " link` shows them. `sanchaos lab down` removes the lab.").ConfigureAwait(false);
    }

    /// <summary>Waits until every tap of <paramref name="node"/> has carrier (its UML kernel attached them), or
    /// <paramref name="stillRunning"/> says the kernel is gone.</summary>
    public async Task WaitForCarrierAsync(string node, Func<bool> stillRunning, TimeProvider time, CancellationToken ct)
    {
        var taps = _topology.Node(node).Interfaces.Select(i => Tap(node, i.GuestName)).ToArray();
        await Wait.UntilAsync($"{node}'s kernel attaches its taps ({string.Join(", ", taps)})",
            async t =>
            {
                if (!stillRunning()) return Probe.Yes("its kernel is not running");
                var up = await CarrierAsync(t).ConfigureAwait(false);
                var missing = taps.Where(x => !up.Contains(x)).ToArray();
                return missing.Length == 0 ? Probe.Yes("all attached") : Probe.No("no carrier on " + string.Join(", ", missing));
            },
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), time,
            $"read {node}'s console log: the vector driver says why a tap could not be opened.", ct).ConfigureAwait(false);
    }

    /// <summary>The taps (and bridges) that have carrier (LOWER_UP) now.</summary>
    private async Task<HashSet<string>> CarrierAsync(CancellationToken ct)
    {
        var r = await HostCommand.RunCheckedAsync(["ip", "-n", Namespace, "-o", "link", "show"], ct: ct).ConfigureAwait(false);
        var up = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3) continue;
            var name = parts[1].TrimEnd(':').Split('@')[0];
            if (parts[2].Contains("LOWER_UP", StringComparison.Ordinal)) up.Add(name);
        }

        return up;
    }

    /// <summary>Deletes taps, bridges and the namespace; ignores what is already gone. Idempotent.</summary>
    public Task DestroyAsync(CancellationToken ct) => DestroyAsync(Namespace, TapDevices.Concat(BridgeDevices).ToArray(), ct);

    /// <summary>Deletes <paramref name="devices"/> inside <paramref name="netns"/>, then the namespace. Idempotent.</summary>
    public static async Task DestroyAsync(string netns, IReadOnlyList<string> devices, CancellationToken ct)
    {
        if (!NamespaceExists(netns)) return;
        if (devices.Count > 0)
        {
            var batch = string.Join('\n', devices.Select(d => $"link del dev {d}")) + "\n";
            // -force: keep going past devices that are already gone.
            await HostCommand.RunAsync(["ip", "-n", netns, "-force", "-batch", "-"], standardInput: batch, ct: ct).ConfigureAwait(false);
        }

        await HostCommand.RunCheckedAsync(["ip", "netns", "delete", netns], ct: ct,
            remedy: $"Check what still uses the namespace: `ip netns pids {netns}`.").ConfigureAwait(false);
    }

    /// <summary>True when the named namespace exists (<c>/run/netns/NAME</c>).</summary>
    public static bool NamespaceExists(string netns) => File.Exists(Path.Combine("/run/netns", netns));

    /// <summary>Names of the lab namespaces on this machine (<c>sanchaos-*</c>).</summary>
    public static IReadOnlyList<string> LabNamespaces() =>
        Directory.Exists("/run/netns")
            ? Directory.EnumerateFiles("/run/netns", UmlTopology.NamespacePrefix + "*").Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith(UmlTopology.TestNamespacePrefix, StringComparison.Ordinal)).ToArray()
            : [];

    private Task BatchAsync(string batch, bool force, CancellationToken ct) =>
        HostCommand.RunCheckedAsync(force ? ["ip", "-n", Namespace, "-force", "-batch", "-"] : ["ip", "-n", Namespace, "-batch", "-"],
            standardInput: batch, ct: ct,
            remedy: "The lab's wiring could not be set; `ip -n " + Namespace + " link` shows its state. `sanchaos lab down` removes it.");
}
