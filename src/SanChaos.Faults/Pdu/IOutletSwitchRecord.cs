namespace SanChaos.Faults.Pdu;

/// <summary>
/// Optional capability of an <see cref="IPduDriver"/>: the PDU's own record of when an outlet's power last changed (the
/// embedded lab's Redfish PDU serves it in the Outlet's <c>Oem.SanChaos.PowerStateChanged</c>). A power fault prefers it
/// to the bounds it measures itself (the request sent, the read-back that confirmed it).
/// </summary>
public interface IOutletSwitchRecord
{
    /// <summary>When outlet <paramref name="outlet"/>'s power last changed by the PDU's clock, or null when the PDU does not say.</summary>
    Task<DateTimeOffset?> SwitchedAtAsync(int outlet, CancellationToken ct = default);
}
