namespace SanChaos.Inventory.Model;

/// <summary>A switched PDU.</summary>
/// <param name="Name">Inventory name.</param>
/// <param name="Driver">Protocol.</param>
/// <param name="Address">Where it listens: <c>host:port</c> or a URL. <c>embedded</c> = the lab runs it on 127.0.0.1 (the embedded and Vagrant labs).</param>
/// <param name="User">Redfish user or SNMP read community name; may be empty.</param>
/// <param name="Password">Redfish password or SNMP write community, by reference.</param>
/// <param name="Outlets">Outlet map. A device may be fed by several outlets (dual power supplies).</param>
/// <param name="Location">Where it was declared.</param>
public sealed record PduSpec(
    string Name, PduDriverKind Driver, string Address, string User, SecretRef Password,
    IReadOnlyList<PduOutletSpec> Outlets, SourceLocation Location)
{
    /// <summary>The outlets feeding <paramref name="device"/>.</summary>
    public IEnumerable<int> OutletsOf(string device) => Outlets.Where(o => o.Feeds == device).Select(o => o.Outlet);
}
