using SanChaos.Labs.Provisioning;
using SanChaos.Labs.State;
using SanChaos.Labs.Uml;

namespace SanChaos.Labs.Kinds;

/// <summary>Where the time of a <c>lab up</c> went: substrate (image, fabric, boot), provisioning phases, steady state.</summary>
/// <param name="Substrate">Image, fabric and boot-to-SSH timings (embedded lab), or null.</param>
/// <param name="Provisioning">Per-phase provisioning timings.</param>
/// <param name="SteadyState">Time from provisioned to every steady-state condition holding.</param>
/// <param name="SteadyStateResults">What each condition saw.</param>
/// <param name="Total">Wall time of the whole up.</param>
public sealed record LabUpReport(UmlUpTimings? Substrate, ProvisionReport Provisioning, TimeSpan SteadyState,
    IReadOnlyList<SteadyStateResult> SteadyStateResults, TimeSpan Total)
{
    /// <summary>When provisioning started, from the start of the up (it overlaps the boot of nodes that come up last).</summary>
    public TimeSpan? ProvisioningStartedAt { get; init; }
}
