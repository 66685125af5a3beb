namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>One variable binding: an OID and its value.</summary>
/// <param name="Oid">The variable.</param>
/// <param name="Value">Its value (NULL in Get/GetNext requests).</param>
internal sealed record VarBind(Oid Oid, SnmpValue Value)
{
    /// <summary><c>OID = value</c>, as <c>snmpget</c> prints it.</summary>
    public override string ToString() => $"{Oid} = {Value}";
}
