namespace SanChaos.Labs;

/// <summary>Capability: degrade a node interface's link (delay, loss) and make it clean again.</summary>
public interface ILinkShaping
{
    /// <summary>Applies <paramref name="degradation"/> to frames in both directions of the link. Replaces any earlier one.</summary>
    Task DegradeAsync(string node, string nic, LinkDegradation degradation, CancellationToken ct = default);

    /// <summary>Removes any degradation. Idempotent.</summary>
    Task CleanAsync(string node, string nic, CancellationToken ct = default);
}
