using SanChaos.Core.Waiting;

namespace SanChaos.Labs.Provisioning;

/// <summary>A condition a step waits for after its commands, through <see cref="Wait.UntilAsync"/>.</summary>
/// <param name="Condition">What must hold, in words.</param>
/// <param name="Check">One check.</param>
/// <param name="Timeout">How long to wait.</param>
/// <param name="Remedy">What to do when it never holds.</param>
public sealed record ProvisionWait(string Condition, Func<CancellationToken, Task<Probe>> Check, TimeSpan Timeout, string Remedy);
