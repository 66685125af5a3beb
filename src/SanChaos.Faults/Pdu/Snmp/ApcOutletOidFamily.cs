namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>Which APC PowerNet-MIB column switches outlets. Both take 1 = on, 2 = off, 3 = reboot, and read back 1 (on) or 2 (off).</summary>
public enum ApcOutletOidFamily
{
    /// <summary>
    /// <c>sPDUOutletCtl</c>, <c>1.3.6.1.4.1.318.1.1.4.4.2.1.3.&lt;outlet&gt;</c>: MasterSwitch and AP79xx switched
    /// rack PDUs; also answered by most newer ones. The default.
    /// </summary>
    SPduOutletCtl,

    /// <summary>
    /// <c>rPDU2OutletSwitchedControlCommand</c>, <c>1.3.6.1.4.1.318.1.1.26.9.2.4.1.5.&lt;outlet&gt;</c>: AP8xxx
    /// (rPDU2) switched rack PDUs.
    /// </summary>
    RPdu2OutletSwitchedControlCommand,
}
