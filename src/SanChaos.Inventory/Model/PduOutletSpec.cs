namespace SanChaos.Inventory.Model;

/// <summary>One PDU outlet and the device (node or switch) it feeds.</summary>
/// <param name="Outlet">Outlet number on the PDU.</param>
/// <param name="Feeds">Name of the node or switch it powers.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record PduOutletSpec(int Outlet, string Feeds, SourceLocation Location);
