using System.Text;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// The WWID a Linux client (udev <c>ID_SERIAL</c>, <c>/lib/udev/scsi_id -g -u</c>, and so multipath) computes for a tgt LUN
/// whose <c>scsi_id</c> is set (tgt 1.0.85, Debian 12's).
/// </summary>
/// <remarks>
/// tgt answers VPD page 0x83 with three designators: the T10 vendor id (the scsi_id as text), an NAA type 3 (locally
/// assigned) made of the target id and LUN number, and an NAA IEEE Registered Extended designator (NAA type 6) of 16 bytes
/// made from the scsi_id: every character becomes one hex digit (its value when it is a hex digit, else 0), the digits
/// are right-aligned in 32 (the last 32 characters count, fewer are padded with zeros in front), and the first digit is
/// replaced by the NAA type 6 (<c>update_vpd_83</c> in usr/spc.c). tgt keeps at most 36 characters of a scsi_id
/// (<c>SCSI_ID_LEN</c>). udev's scsi_id prefers the NAA type 6 designator and prefixes the designator type, 3 for NAA. So
/// scsi_id <c>sanchaos-test-0</c> gives <c>36</c>, 16 zeros, then <c>0a0c0a0000e0000</c>. The WWID depends only on the
/// scsi_id, not on the target id tgt-admin assigns, so both storage nodes give the same one. Provisioning still reads the
/// WWID back on the client after login and corrects multipath.conf if a tgt ever computes it differently.
/// </remarks>
public static class TgtWwid
{
    /// <summary>The most characters of a scsi_id tgt keeps (SCSI_ID_LEN in usr/tgtd.h).</summary>
    public const int MaxScsiIdLength = 36;

    private const int Digits = 32;

    /// <summary>The WWID (33 lower-case hex digits, starting with 36).</summary>
    /// <param name="scsiId">The LUN's scsi_id as tgt-admin sets it.</param>
    public static string FromScsiId(string scsiId)
    {
        ArgumentNullException.ThrowIfNull(scsiId);
        var kept = scsiId.Length > MaxScsiIdLength ? scsiId[..MaxScsiIdLength] : scsiId;
        var nibbles = kept.Select(c => char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) : '0').ToArray();
        var last = new string(nibbles[Math.Max(0, nibbles.Length - Digits)..]).PadLeft(Digits, '0');
        return new StringBuilder("3", 1 + Digits).Append('6').Append(last, 1, Digits - 1).ToString();
    }
}
