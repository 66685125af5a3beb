namespace SanChaos.Labs.State;

/// <summary>A map of <c>multipath -ll</c>: <c>mpio (36001405...) dm-0 LIO-ORG,IBLOCK</c> with its groups.</summary>
/// <param name="Name">Alias (or the WWID when the map has none).</param>
/// <param name="Wwid">WWID.</param>
/// <param name="DmDevice">dm-N.</param>
/// <param name="Vendor">SCSI vendor.</param>
/// <param name="Product">SCSI product.</param>
/// <param name="Groups">Path groups in order.</param>
public sealed record MultipathMap(string Name, string Wwid, string DmDevice, string Vendor, string Product, IReadOnlyList<MultipathPathGroup> Groups)
{
    /// <summary>Every path of every group.</summary>
    public IEnumerable<MultipathMapPath> Paths => Groups.SelectMany(g => g.Paths);
}
