using SanChaos.Labs.Uml;

namespace SanChaos.Labs.Kinds.Embedded;

/// <summary>
/// What drills read of an embedded lab, whether this process holds it (<see cref="EmbeddedLab"/>) or a keeper does
/// (<c>SanChaos.Session.Keeper.AttachedLab</c>): its topology (bridges to capture on, MACs) and what lab up measured.
/// </summary>
public interface IEmbeddedLabView
{
    /// <summary>The lab's topology.</summary>
    UmlTopology Topology { get; }

    /// <summary>How long the resource group took to start at lab up; null when not measured.</summary>
    TimeSpan? ResourceGroupStart { get; }

    /// <summary>
    /// Why the serial cable's relay stopped carrying bytes (its thread failed or was disposed), now; null while it runs or
    /// when the lab has no serial cable. A dead relay must never read as a plugged cable.
    /// </summary>
    string? SerialRelayFailure { get; }
}
