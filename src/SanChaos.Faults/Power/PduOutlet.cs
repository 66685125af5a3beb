using SanChaos.Inventory.Model;

namespace SanChaos.Faults.Power;

/// <summary>One outlet of a PDU and the device it feeds, as the inventory declares it.</summary>
/// <param name="Pdu">The PDU.</param>
/// <param name="Outlet">The outlet number.</param>
/// <param name="Feeds">The node or switch it feeds.</param>
internal sealed record PduOutlet(PduSpec Pdu, int Outlet, string Feeds)
{
    /// <summary>Every outlet of every PDU that feeds <paramref name="device"/> (two for a dual-supply node, maybe on two PDUs).</summary>
    public static IReadOnlyList<PduOutlet> Feeding(LabInventory inventory, string device) =>
        inventory.Pdus.SelectMany(p => p.OutletsOf(device).Select(o => new PduOutlet(p, o, device))).ToArray();

    /// <summary>The guard's view of it.</summary>
    public FaultTarget Target => FaultTarget.PduOutlet(Pdu.Name, Outlet, Feeds);

    /// <summary>"pdu1/1".</summary>
    public override string ToString() => $"{Pdu.Name}/{Outlet}";
}
