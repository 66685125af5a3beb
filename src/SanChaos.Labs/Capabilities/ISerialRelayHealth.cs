namespace SanChaos.Labs.Capabilities;

/// <summary>
/// A lab capability: the health of the serial cable's relay, for a lab that carries the null-modem cable itself (a
/// relay on this machine). A dead relay must never read as a plugged cable: a drill does not start on it, and the audit
/// after a drill names it as the lab's failure, not the SAN's.
/// </summary>
public interface ISerialRelayHealth
{
    /// <summary>Why the relay stopped carrying bytes (its thread failed or was disposed), now; null while it runs or when
    /// the lab has no serial cable.</summary>
    string? SerialRelayFailure { get; }
}
