using SanChaos.Labs.Serial;

namespace SanChaos.Labs.Uml;

/// <summary>
/// The embedded lab's substrate: the nodes of a <see cref="UmlTopology"/> running as user-mode Linux kernels on this
/// machine, wired by bridges and taps inside their own network namespace, reachable over SSH, with power outlets,
/// cables and a serial cable the harness controls. It does not provision the SAN software.
/// Create one with <see cref="UmlLab.Create"/>; dispose it (or call <see cref="DownAsync"/>) to remove everything.
/// </summary>
public interface IUmlLab : IAsyncDisposable
{
    /// <summary>The topology it runs.</summary>
    UmlTopology Topology { get; }

    /// <summary>The run directory: state file, disks, console logs (<c>&lt;runs dir&gt;/&lt;run id&gt;</c>).</summary>
    string RunDirectory { get; }

    /// <summary>True between a successful <see cref="UpAsync"/> and <see cref="DownAsync"/>.</summary>
    bool IsUp { get; }

    /// <summary>The image the nodes boot (set by <see cref="UpAsync"/>).</summary>
    UmlImage? Image { get; }

    /// <summary>Timings of the last <see cref="UpAsync"/>.</summary>
    UmlUpTimings? UpTimings { get; }

    /// <summary>
    /// The Linux bridge device that carries <paramref name="bridge"/> (a <see cref="UmlBridge.Name"/>: the inventory's
    /// network name, e.g. <c>storage-a</c>) inside <see cref="UmlTopology.Namespace"/>, e.g. <c>scb-storage-a</c>: where a
    /// packet capture listens to that network. Read-only and computed from the topology, so valid before
    /// <see cref="UpAsync"/> too. Throws naming the known bridges when there is none by that name.
    /// </summary>
    string BridgeDevice(string bridge) => Topology.BridgeDevice(bridge);

    /// <summary>The nodes by name, reachable over SSH (valid after <see cref="UpAsync"/>).</summary>
    IReadOnlyDictionary<string, INode> Nodes { get; }

    /// <summary>Power of nodes and switches by inventory name: a node loses power at once (frozen, then killed) and
    /// boots with its disks as they were; a switch stops passing frames on every port.</summary>
    IOutletActuator Outlets { get; }

    /// <summary>
    /// Pulls and re-plugs single network cables: the bridge port of the tap behind the node's NIC is disabled, so no
    /// frame passes either way. The guest keeps its carrier (UML's vector NIC does not see the host side), so a cut
    /// looks to the node like frames that stop passing, not like an unplugged NIC.
    /// </summary>
    ICableControl Cables { get; }

    /// <summary>Pulls and plugs the null-modem cable, or null when the topology has none.</summary>
    ISerialCableControl? SerialCable { get; }

    /// <summary>The relay carrying the null-modem cable (counters, queued bytes), or null when the topology has none.</summary>
    SerialRelay? SerialRelay { get; }

    /// <summary>
    /// Brings the lab up: preflight checks, reaping leftovers of dead runs, image (built or cached), fabric, serial
    /// relay, all nodes booted in parallel, then SSH on each. Idempotent: returns at once when already up. On failure
    /// everything it created is removed and the error says which node or step failed (with its console log's tail).
    /// </summary>
    Task UpAsync(CancellationToken ct = default);

    /// <summary>
    /// Completes when <paramref name="node"/> first answers SSH during <see cref="UpAsync"/> (at once on a lab that is
    /// up), so work on the nodes that booted first can start while later ones still boot. Fails with the up's error
    /// when the up fails, and when the lab is taken down before the node came up.
    /// </summary>
    Task WhenNodeUpAsync(string node, CancellationToken ct = default);

    /// <summary>Waits until <paramref name="node"/> answers SSH (after a power-on); fails early with its console's tail
    /// when its kernel exits. Default timeout: <see cref="UmlLabOptions.BootTimeout"/>.</summary>
    Task WaitForSshAsync(string node, TimeSpan? timeout = null, CancellationToken ct = default);

    /// <summary>Kills every node by its recorded process group, removes taps, bridges, the namespace, the relay and the
    /// run directory (console logs stay if <see cref="UmlLabOptions.KeepConsoleLogs"/>), then reaps leftovers of
    /// dead runs. Idempotent; errors of single steps are collected and thrown together at the end.</summary>
    Task DownAsync(CancellationToken ct = default);

    /// <summary>The main process (and process group) of <paramref name="node"/>'s kernel, or null when it is off.</summary>
    int? ProcessGroupOf(string node);

    /// <summary>Path of <paramref name="node"/>'s console log.</summary>
    string ConsoleLogOf(string node);

    /// <summary>The last lines of <paramref name="node"/>'s console log.</summary>
    string ConsoleTail(string node, int lines = 40);

    /// <summary>Host memory of each running node: PSS (proportional set size, each shared page counted once) and RSS
    /// summed over the distinct address spaces of its process group; see <see cref="UmlNodeMemory"/>.</summary>
    IReadOnlyDictionary<string, UmlNodeMemory> MeasureMemory();
}
