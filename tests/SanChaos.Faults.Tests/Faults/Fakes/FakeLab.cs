using SanChaos.Inventory.Model;
using SanChaos.Labs;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>A lab with nodes and a PDU endpoint but no cable, serial or link control (like a rack without relays).</summary>
public class FakeLab(LabInventory inventory, Uri? pduUrl = null) : ILab, IPduEndpoints
{
    public LabInventory Inventory { get; } = inventory;

    public Dictionary<string, INode> NodeMap { get; } = new();

    public IReadOnlyDictionary<string, INode> Nodes => NodeMap;

    public Uri? PduUrl { get; set; } = pduUrl;

    public string AddressOf(PduSpec pdu) =>
        PduUrl?.ToString().TrimEnd('/') ?? throw new InvalidOperationException("the fake lab's PDU is not running");

    public Task UpAsync(CancellationToken ct = default) => Task.CompletedTask;

    public Task DownAsync(CancellationToken ct = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
