using System.Globalization;
using System.Security.Cryptography;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Labs.Serial;
using SanChaos.Labs.Uml;

namespace SanChaos.Session.Keeper;

/// <summary>
/// An embedded lab that a keeper (<c>sanchaos lab up --detach</c>) holds, seen from another process: its nodes over SSH
/// inside the lab's namespace, and its cables, serial cable, link shaping and PDUs through the keeper's control socket.
/// <see cref="DownAsync"/> leaves the lab running (only <c>sanchaos lab down</c> takes it down); disposing closes this
/// process's connections only.
/// </summary>
public sealed class AttachedLab : IKeptLab, IEmbeddedLabView, ISerialCableCounters
{
    private readonly KeeperClient _keeper;
    private readonly Dictionary<string, INode> _nodes;
    private readonly string _controlDirectory;

    private AttachedLab(LabInventory inventory, KeeperClient keeper, KeeperDescription description, UmlTopology topology,
        Dictionary<string, INode> nodes, string controlDirectory)
    {
        Inventory = inventory;
        _keeper = keeper;
        Description = description;
        Topology = topology;
        _nodes = nodes;
        _controlDirectory = controlDirectory;
    }

    /// <inheritdoc />
    public LabInventory Inventory { get; }

    /// <summary>What the keeper said about itself when this process attached.</summary>
    public KeeperDescription Description { get; }

    /// <inheritdoc />
    public UmlTopology Topology { get; }

    /// <inheritdoc />
    public TimeSpan? ResourceGroupStart => Description.ResourceGroupStartSeconds is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, INode> Nodes => _nodes;

    /// <inheritdoc />
    public string? SerialRelayFailure => _keeper.Send(new KeeperRequest { Op = KeeperOps.Describe }).Description?.SerialFailure;

    /// <inheritdoc />
    public SerialRelayCounters? SerialCounters => _keeper.Send(new KeeperRequest { Op = KeeperOps.Describe }).Description?.SerialCounters;

    /// <summary>SHA-256 of a file's content, lower-case hex (how a keeper and a drill agree on "the same inventory").</summary>
    public static string Digest(LabInventory inventory) =>
        Convert.ToHexString(SHA256.HashData([.. File.ReadAllBytes(inventory.SourcePath), .. System.Text.Encoding.UTF8.GetBytes("\nbuild=" + inventory.Sut.BuildName)]))
            .ToLowerInvariant();

    /// <summary>
    /// The keeper's lab when a live keeper at <paramref name="paths"/> holds <paramref name="inventory"/> (same file content);
    /// null when no keeper runs. Throws when one runs with another inventory, or is still starting or failed.
    /// </summary>
    /// <param name="inventory">The inventory the caller wants.</param>
    /// <param name="paths">Where the keeper lives (default <see cref="KeeperPaths.Default"/>).</param>
    /// <param name="keyFile">The lab's SSH key (default <see cref="UmlLab.DefaultSshKeyFile"/>).</param>
    /// <exception cref="SanChaosException">A keeper runs, but not for this inventory, or it is not up.</exception>
    public static AttachedLab? TryAttach(LabInventory inventory, KeeperPaths? paths = null, string? keyFile = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        paths ??= KeeperPaths.Default;
        var record = KeeperRecord.Read(paths);
        if (record is null || !record.Alive) return null;
        if (record.Phase != "up")
            throw new SanChaosException($"A lab keeper (PID {record.Pid}) is {record.Phase}{(record.Error is null ? "" : $": {record.Error}")}; drills cannot use its lab yet.",
                $"wait for it (`sanchaos lab status`), or take it down with `sanchaos lab down`; its log is {record.Log}.");
        var keeper = KeeperClient.Connect(paths);
        try
        {
            var d = keeper.Send(new KeeperRequest { Op = KeeperOps.Describe }).Description
                    ?? throw new SanChaosException("The lab keeper did not describe itself.", "take it down and up again with this sanchaos.");
            var digest = Digest(inventory);
            if (d.InventoryDigest != digest)
                throw new SanChaosException(
                    $"The running lab (keeper PID {d.Pid}, run {d.RunId}) was brought up from {d.InventoryPath}, which differs from {inventory.SourcePath} with build {inventory.Sut.BuildName} (or changed since).",
                    "use the same inventory ($SANCHAOS_LAB), or take the running lab down (`sanchaos lab down`) and let this run bring its own up.");
            var run = UmlLab.ListRuns().FirstOrDefault(r => r.RunId == d.RunId && r.NamespaceExists)
                      ?? throw new SanChaosException($"The keeper holds run {d.RunId}, but its namespace is gone.", "take it down (`sanchaos lab down`) and up again.");
            keyFile ??= UmlLab.DefaultSshKeyFile;
            var topology = EmbeddedTopology.From(inventory, d.RunId, File.ReadAllText(keyFile + ".pub").Trim());
            var control = Path.Combine(run.RunDirectory, $"ssh-attached-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
            Directory.CreateDirectory(control);
            var nodes = run.Nodes.ToDictionary(n => n.Name, n => (INode)UmlNodeConnections.Open(
                new UmlNodeAccess(n.Name, n.ManagementAddress, run.Namespace, "root", keyFile, control)), StringComparer.Ordinal);
            return new AttachedLab(inventory, keeper, d, topology, nodes, control);
        }
        catch
        {
            keeper.Dispose();
            throw;
        }
    }

    /// <summary>Nothing to bring up: the keeper's lab is up (its steady state is each drill's own first check).</summary>
    public Task UpAsync(CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Leaves the keeper's lab running.</summary>
    public Task DownAsync(CancellationToken ct = default) => Task.CompletedTask;

    /// <inheritdoc />
    public string AddressOf(PduSpec pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        return pdu.Address != "embedded" ? pdu.Address : _keeper.Send(new KeeperRequest { Op = KeeperOps.PduAddress, Pdu = pdu.Name }).Value!;
    }

    /// <inheritdoc />
    public Task CutAsync(string node, string nic, CancellationToken ct = default) =>
        _keeper.SendAsync(new KeeperRequest { Op = KeeperOps.Cut, Node = node, Nic = nic }, ct);

    /// <inheritdoc />
    public Task RestoreAsync(string node, string nic, CancellationToken ct = default) =>
        _keeper.SendAsync(new KeeperRequest { Op = KeeperOps.Restore, Node = node, Nic = nic }, ct);

    /// <inheritdoc />
    public bool IsCut(string node, string nic) => _keeper.Send(new KeeperRequest { Op = KeeperOps.IsCut, Node = node, Nic = nic }).Flag == true;

    /// <inheritdoc />
    public Task PullAsync(CancellationToken ct = default) => _keeper.SendAsync(new KeeperRequest { Op = KeeperOps.SerialPull }, ct);

    /// <inheritdoc />
    public Task PlugAsync(CancellationToken ct = default) => _keeper.SendAsync(new KeeperRequest { Op = KeeperOps.SerialPlug }, ct);

    /// <inheritdoc />
    public bool IsPlugged => _keeper.Send(new KeeperRequest { Op = KeeperOps.SerialPlugged }).Flag == true;

    /// <inheritdoc />
    public Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(degradation);
        return _keeper.SendAsync(new KeeperRequest
        {
            Op = KeeperOps.Degrade, Node = node, Nic = nic,
            DelayMs = degradation.Delay.TotalMilliseconds, JitterMs = degradation.Jitter.TotalMilliseconds, LossPercent = degradation.LossPercent,
        }, ct);
    }

    /// <inheritdoc />
    public Task CleanAsync(string node, string nic, CancellationToken ct = default) =>
        _keeper.SendAsync(new KeeperRequest { Op = KeeperOps.Clean, Node = node, Nic = nic }, ct);

    /// <summary>Closes this process's SSH connections and its keeper connection; the lab stays up.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var n in _nodes.Values.OfType<IAsyncDisposable>()) await n.DisposeAsync().ConfigureAwait(false);
        _keeper.Dispose();
        try
        {
            Directory.Delete(_controlDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
