namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>No matching response arrived within the timeout on any attempt.</summary>
/// <param name="attempts">How many times the request was sent.</param>
/// <param name="perAttempt">How long each attempt waited.</param>
/// <param name="ignored">Datagrams that arrived but were not the answer (undecodable, other request-id), or empty.</param>
internal sealed class SnmpNoResponseException(int attempts, TimeSpan perAttempt, string ignored)
    : Exception($"No SNMP response after {attempts} attempt(s) of {perAttempt.TotalMilliseconds:0} ms each{(ignored.Length > 0 ? $"; ignored: {ignored}" : "")}.")
{
    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>How long each attempt waited.</summary>
    public TimeSpan PerAttempt { get; } = perAttempt;

    /// <summary>What arrived but was not the answer.</summary>
    public string Ignored { get; } = ignored;
}
