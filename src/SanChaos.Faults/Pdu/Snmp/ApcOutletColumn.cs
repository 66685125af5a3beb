namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>The PowerNet-MIB data for one outlet-control column: where it is and what its values mean.</summary>
/// <param name="Name">MIB object name, e.g. <c>sPDUOutletCtl</c>.</param>
/// <param name="Column">Column OID; the outlet number is appended.</param>
/// <param name="OnCommand">Value written to switch on (and read when on).</param>
/// <param name="OffCommand">Value written to switch off (and read when off).</param>
/// <param name="ValueNames">Names of the INTEGER values, for messages.</param>
internal sealed record ApcOutletColumn(string Name, Oid Column, long OnCommand, long OffCommand, IReadOnlyDictionary<long, string> ValueNames)
{
    /// <summary>PowerNet-MIB <c>sPDUOutletCtl</c>.</summary>
    public static ApcOutletColumn SPduOutletCtl { get; } = new(
        "sPDUOutletCtl",
        Oid.Parse("1.3.6.1.4.1.318.1.1.4.4.2.1.3"),
        1,
        2,
        new Dictionary<long, string>
        {
            [1] = "outletOn", [2] = "outletOff", [3] = "outletReboot", [4] = "outletUnknown",
            [5] = "outletOnWithDelay", [6] = "outletOffWithDelay", [7] = "outletRebootWithDelay",
        });

    /// <summary>PowerNet-MIB <c>rPDU2OutletSwitchedControlCommand</c>.</summary>
    public static ApcOutletColumn RPdu2OutletSwitchedControlCommand { get; } = new(
        "rPDU2OutletSwitchedControlCommand",
        Oid.Parse("1.3.6.1.4.1.318.1.1.26.9.2.4.1.5"),
        1,
        2,
        new Dictionary<long, string>
        {
            [1] = "immediateOn", [2] = "immediateOff", [3] = "immediateReboot", [4] = "outletUnknown",
            [5] = "delayedOn", [6] = "delayedOff", [7] = "delayedReboot", [8] = "cancelPendingCommand",
        });

    /// <summary>The column for <paramref name="family"/>.</summary>
    public static ApcOutletColumn For(ApcOutletOidFamily family) => family switch
    {
        ApcOutletOidFamily.SPduOutletCtl => SPduOutletCtl,
        ApcOutletOidFamily.RPdu2OutletSwitchedControlCommand => RPdu2OutletSwitchedControlCommand,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown APC outlet OID family."),
    };

    /// <summary>The OID of outlet <paramref name="outlet"/>.</summary>
    public Oid Of(int outlet) => Column.Append((uint)outlet);

    /// <summary><c>sPDUOutletCtl.3 (1.3.6.1.4.1.318.1.1.4.4.2.1.3.3)</c>.</summary>
    public string Describe(int outlet) => $"{Name}.{outlet} ({Of(outlet)})";

    /// <summary><c>2 (outletOff)</c>.</summary>
    public string DescribeValue(long value) => ValueNames.TryGetValue(value, out var n) ? $"{value} ({n})" : $"{value}";
}
