namespace SanChaos.Faults;

/// <summary>One fault that could not be healed.</summary>
/// <param name="FaultName">Its name, as engineers say it.</param>
/// <param name="Descriptor">Its descriptor (what the journal keeps for a later heal).</param>
/// <param name="Error">Why the heal failed.</param>
public sealed record FaultHealFailure(string FaultName, FaultDescriptor Descriptor, Exception Error);
