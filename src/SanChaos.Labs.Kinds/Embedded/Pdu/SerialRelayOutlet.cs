using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Kinds.Embedded.Pdu;

/// <summary>
/// The embedded PDU's outlets: an outlet feeding <see cref="SerialCableSpec.RelayDevice"/> drives the serial cable's
/// relay (off = pulled, on = plugged), as a relay module in a rack's null-modem line powered from a PDU outlet would;
/// every other outlet powers a node or a switch. So a rack inventory pointed at the embedded lab pulls the serial
/// cable the way it would on the rack: through the PDU, over the network.
/// </summary>
internal sealed class SerialRelayOutlet(IOutletActuator power, Func<ISerialCableControl?> cable) : IOutletActuator, IOutletClock
{
    /// <inheritdoc />
    public DateTimeOffset? PowerChangedAt(string device) =>
        device == SerialCableSpec.RelayDevice ? null : (power as IOutletClock)?.PowerChangedAt(device);

    /// <inheritdoc />
    public Task PowerOffAsync(string device, CancellationToken ct = default) =>
        device == SerialCableSpec.RelayDevice ? Cable.PullAsync(ct) : power.PowerOffAsync(device, ct);

    /// <inheritdoc />
    public Task PowerOnAsync(string device, CancellationToken ct = default) =>
        device == SerialCableSpec.RelayDevice ? Cable.PlugAsync(ct) : power.PowerOnAsync(device, ct);

    /// <inheritdoc />
    public bool IsPowered(string device) => device == SerialCableSpec.RelayDevice ? Cable.IsPlugged : power.IsPowered(device);

    private ISerialCableControl Cable => cable()
        ?? throw new SanChaosException("The PDU's outlet feeds the serial cable's relay, but the lab has no serial cable.", "declare `serial: { between: [otter, weasel] }` in the inventory.");
}
