namespace SanChaos.Labs.Provisioning;

/// <summary>When one step ran and how long it took.</summary>
/// <param name="Stage">Stage name.</param>
/// <param name="Step">Step name.</param>
/// <param name="Node">Node name or "cluster".</param>
/// <param name="Phase">Phase.</param>
/// <param name="Start">Start, from the beginning of provisioning.</param>
/// <param name="Duration">Duration.</param>
/// <param name="Skipped">True when it was already done.</param>
/// <param name="Detail">What was seen or why it was skipped.</param>
public sealed record StepTiming(string Stage, string Step, string Node, ProvisionPhase Phase, TimeSpan Start, TimeSpan Duration, bool Skipped, string? Detail)
{
    /// <summary>End, from the beginning of provisioning.</summary>
    public TimeSpan End => Start + Duration;
}
