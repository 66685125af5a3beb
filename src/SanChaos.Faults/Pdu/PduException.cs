using SanChaos.Core.Errors;

namespace SanChaos.Faults.Pdu;

/// <summary>
/// A PDU operation failed. The message names the PDU address, the outlet and what the PDU answered (HTTP status
/// and body, SNMP error-status); <see cref="SanChaosException.Remedy"/> says what to do. When a driver throws
/// this, it has switched nothing.
/// </summary>
public sealed class PduException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="kind">What kind of problem it is.</param>
    /// <param name="pduAddress">The PDU as the user configured it: base URL or <c>host:port</c>.</param>
    /// <param name="outlet">The outlet concerned; null when the error is not about one outlet.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="remedy">What to do about it.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public PduException(PduErrorKind kind, string pduAddress, int? outlet, string message, string remedy, Exception? inner = null)
        : base(message, remedy, inner)
    {
        Kind = kind;
        PduAddress = pduAddress;
        Outlet = outlet;
    }

    /// <summary>What kind of problem it is.</summary>
    public PduErrorKind Kind { get; }

    /// <summary>The PDU address: base URL (Redfish) or <c>host:port</c> (SNMP).</summary>
    public string PduAddress { get; }

    /// <summary>The outlet concerned, or null.</summary>
    public int? Outlet { get; }
}
