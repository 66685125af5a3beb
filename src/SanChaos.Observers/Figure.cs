namespace SanChaos.Observers;

/// <summary>One figure of a scenario, as people read it.</summary>
/// <param name="Name">What.</param>
/// <param name="Value">The value with its unit.</param>
/// <param name="Detail">Relative to what, or how it was measured.</param>
public sealed record Figure(string Name, string Value, string? Detail = null);
