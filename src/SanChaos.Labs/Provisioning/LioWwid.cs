using System.Globalization;
using System.Text;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// The WWID a Linux client (udev <c>ID_SERIAL</c>, <c>/lib/udev/scsi_id -g -u</c>, and so multipath) computes
/// for a LIO LUN whose backstore has <c>wwn/vpd_unit_serial</c> set.
/// </summary>
/// <remarks>
/// LIO answers VPD page 0x83 with an NAA IEEE Registered Extended designator (NAA type 6): the nibble 6, the
/// 24-bit company id (<c>wwn/company_id</c>, default 0x001405), then 25 hex digits of vendor-specific id taken
/// from the unit serial in order, skipping every character that is not a hex digit, zero-padded
/// (<c>spc_gen_naa_6h_vendor_specific</c> in drivers/target/target_core_spc.c). scsi_id prefixes the designator
/// type, 3 for NAA. So unit serial <c>sanchaos-test-0</c> gives <c>36001405acae0</c> followed by 20 zeros.
/// Provisioning still reads the WWID back on the client after login and corrects multipath.conf if a
/// kernel ever computes it differently.
/// </remarks>
public static class LioWwid
{
    /// <summary>LIO's default IEEE company id, as hex.</summary>
    public const string DefaultCompanyId = "001405";

    private const int VendorDigits = 25;

    /// <summary>The WWID (33 lower-case hex digits, starting with 36).</summary>
    /// <param name="unitSerial">The backstore's vpd_unit_serial.</param>
    /// <param name="companyIdHex">The company id as 6 hex digits; default <see cref="DefaultCompanyId"/>.</param>
    public static string FromUnitSerial(string unitSerial, string companyIdHex = DefaultCompanyId)
    {
        if (!int.TryParse(companyIdHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var company) || company is < 0 or > 0xFFFFFF)
            throw new ArgumentException($"company id '{companyIdHex}' is not 6 hex digits", nameof(companyIdHex));
        var sb = new StringBuilder("36", 33);
        sb.Append(company.ToString("x6", CultureInfo.InvariantCulture));
        var digits = 0;
        foreach (var c in unitSerial)
        {
            if (digits == VendorDigits) break;
            if (!char.IsAsciiHexDigit(c)) continue;
            sb.Append(char.ToLowerInvariant(c));
            digits++;
        }

        sb.Append('0', VendorDigits - digits);
        return sb.ToString();
    }
}
