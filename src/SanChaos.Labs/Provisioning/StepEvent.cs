namespace SanChaos.Labs.Provisioning;

/// <summary>A progress report from <see cref="Provisioner.RunAsync"/>.</summary>
/// <param name="Kind">Started, skipped, completed or failed.</param>
/// <param name="Stage">The stage's name.</param>
/// <param name="Step">The step's name.</param>
/// <param name="Node">Node name or "cluster".</param>
/// <param name="Phase">The phase it counts towards.</param>
/// <param name="At">Time since provisioning started (monotonic clock).</param>
/// <param name="Duration">The step's duration (null for <see cref="StepEventKind.Started"/>).</param>
/// <param name="Detail">What was seen or why it was skipped or failed.</param>
public sealed record StepEvent(StepEventKind Kind, string Stage, string Step, string Node, ProvisionPhase Phase, TimeSpan At, TimeSpan? Duration, string? Detail)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"[{At.TotalSeconds,7:0.00} s] {Kind,-9} {Node,-8} {Step}" + (Duration is { } d ? $" ({d.TotalSeconds:0.00} s)" : "") + (Detail is null ? "" : $": {Detail}");
}
