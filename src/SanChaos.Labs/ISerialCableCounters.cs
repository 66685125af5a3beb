using SanChaos.Labs.Serial;

namespace SanChaos.Labs;

/// <summary>
/// Capability: the lab carries the null-modem cable itself (a relay on this machine, as the embedded and vagrant labs do)
/// and says what it did with the bytes. A rack's real cable has no such counters.
/// </summary>
public interface ISerialCableCounters
{
    /// <summary>The relay's counters now (bytes forwarded, dropped per reason, flushed, per direction); null when the lab
    /// has no serial cable or its relay is not running.</summary>
    SerialRelayCounters? SerialCounters { get; }
}
