namespace SanChaos.Faults.Pdu;

/// <summary>
/// A network PDU as a rack has one: switch an outlet off or on, read its state. Implementations speak a
/// real protocol (Redfish over HTTP, APC PowerNet-MIB over SNMP).
/// </summary>
public interface IPduDriver : IAsyncDisposable
{
    /// <summary>Turns outlet <paramref name="outlet"/> off (hard power loss to what it feeds).</summary>
    Task PowerOffAsync(int outlet, CancellationToken ct = default);

    /// <summary>Turns outlet <paramref name="outlet"/> on.</summary>
    Task PowerOnAsync(int outlet, CancellationToken ct = default);

    /// <summary>Reads whether outlet <paramref name="outlet"/> is on.</summary>
    Task<bool> IsOnAsync(int outlet, CancellationToken ct = default);
}
