namespace SanChaos.Faults.Pdu;

/// <summary>What kind of problem a <see cref="PduException"/> reports; lets callers react without parsing text.</summary>
public enum PduErrorKind
{
    /// <summary>The PDU could not be reached: connection refused, ICMP port unreachable, name not resolved, timeout.</summary>
    Unreachable,

    /// <summary>
    /// An SNMP request got no answer at all. SNMP agents stay silent on a wrong community, so this means either
    /// the PDU is unreachable or the community string is wrong.
    /// </summary>
    NoAnswer,

    /// <summary>The PDU refused the credentials (HTTP 401).</summary>
    AuthenticationFailed,

    /// <summary>
    /// The credentials were accepted but the operation is not allowed: HTTP 403, or an SNMP SET refused on an
    /// outlet that exists (read-only community, write access disabled).
    /// </summary>
    AccessDenied,

    /// <summary>The PDU has no such outlet (HTTP 404, SNMP noSuchName / noSuchInstance / noSuchObject).</summary>
    UnknownOutlet,

    /// <summary>The PDU answered the request with an error not covered above (other HTTP status, SNMP error-status).</summary>
    Rejected,

    /// <summary>The PDU answered with something the driver cannot read (wrong SNMP type, malformed JSON, unknown state).</summary>
    BadResponse,
}
