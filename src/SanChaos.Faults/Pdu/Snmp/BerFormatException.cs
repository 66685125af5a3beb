namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>Bytes that are not valid BER for an SNMP message; the message names the offset and what was expected.</summary>
internal sealed class BerFormatException(string message) : FormatException(message);
