namespace SanChaos.Labs.Provisioning;

/// <summary>Steps that run at the same time (on different nodes); stages run one after the other.</summary>
/// <param name="Name">What the stage does.</param>
/// <param name="Steps">Its steps.</param>
public sealed record ProvisionStage(string Name, IReadOnlyList<ProvisionStep> Steps);
