using SanChaos.Labs.Capabilities;
using SanChaos.Labs.Uml;

namespace SanChaos.Labs.Kinds.Embedded;

/// <summary>
/// What the embedded lab kind offers, whether this process holds the lab (<see cref="EmbeddedLab"/>) or a keeper does
/// (<c>SanChaos.Session.Keeper.AttachedLab</c>): its topology, and from it the capabilities code outside the lab kinds
/// asks for (<see cref="ILab.Capability{T}"/>): the bridges to capture on and the nodes' MACs (<see cref="ICaptureSites"/>),
/// the serial relay's health (<see cref="ISerialRelayHealth"/>) and what lab up measured (<see cref="ILabMeasurements"/>).
/// </summary>
public interface IEmbeddedLabView : ICaptureSites, ISerialRelayHealth, ILabMeasurements
{
    /// <summary>The lab's topology.</summary>
    UmlTopology Topology { get; }

    /// <summary>Each bridge of the topology, inside the lab's namespace.</summary>
    IReadOnlyList<CaptureSite> ICaptureSites.CaptureSites => Topology.CaptureSites();

    /// <summary>Every node interface of the topology.</summary>
    IReadOnlyList<InterfaceOwner> ICaptureSites.Interfaces => Topology.InterfaceOwners();
}
