namespace SanChaos.Labs;

/// <summary>
/// Capability: cut and restore the cable of one node interface (the eth1 crossover is otter's or
/// weasel's eth1). A cut cable passes no frames and the node sees carrier loss where the lab can show it.
/// </summary>
public interface ICableControl
{
    /// <summary>Cuts the cable of <paramref name="node"/>'s interface <paramref name="nic"/>. Idempotent.</summary>
    Task CutAsync(string node, string nic, CancellationToken ct = default);

    /// <summary>Restores it. Idempotent.</summary>
    Task RestoreAsync(string node, string nic, CancellationToken ct = default);

    /// <summary>True while the cable is cut.</summary>
    bool IsCut(string node, string nic);

    /// <summary>What cutting (or restoring) the cable does, in words, for a dry run and the fault's record.</summary>
    string Describe(string node, string nic, bool cut) => cut ? $"cut the cable of {node} {nic}" : $"restore the cable of {node} {nic}";
}
