namespace SanChaos.Inventory.Model;

/// <summary>The iSCSI target the storage nodes export.</summary>
/// <param name="Implementation">lio (in-kernel, through configfs; default) or tgt (the user-space target daemon tgtd).</param>
/// <param name="Iqn">Target name. Default the seeds' <c>iqn.2009-02.com.example:test</c>.</param>
/// <param name="UnitSerial">SCSI unit serial (LIO's vpd_unit_serial, tgt's scsi_id and scsi_sn); identical on both nodes so multipath
/// sees one WWID. Default <c>sanchaos-test-0</c>.</param>
/// <param name="Port">Portal TCP port. Default 3260.</param>
public sealed record IscsiTargetConfig(string Implementation, string Iqn, string UnitSerial, int Port)
{
    /// <summary>CHAP credentials; null (the seeds' and the embedded lab's default) leaves the target open to every initiator.</summary>
    public IscsiChapConfig? Chap { get; init; }

    /// <summary>The seeds' values adapted to today's targets.</summary>
    public static IscsiTargetConfig Seeds { get; } = new("lio", "iqn.2009-02.com.example:test", "sanchaos-test-0", 3260);

    /// <summary>The targets an inventory or a build may name.</summary>
    public static IReadOnlyList<string> Implementations { get; } = ["lio", "tgt"];
}
