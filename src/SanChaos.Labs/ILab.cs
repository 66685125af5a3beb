namespace SanChaos.Labs;

/// <summary>
/// A lab: the SAN under test on some substrate (embedded user-mode Linux, Vagrant VMs, a rack).
/// Optional capabilities (power, cables, serial) are separate interfaces, tested with a type check.
/// </summary>
public interface ILab : IAsyncDisposable
{
    /// <summary>The validated inventory this lab was built from.</summary>
    Inventory.Model.LabInventory Inventory { get; }

    /// <summary>The nodes by inventory name.</summary>
    IReadOnlyDictionary<string, INode> Nodes { get; }

    /// <summary>Brings the lab up to steady state (idempotent: a running lab is reused).</summary>
    Task UpAsync(CancellationToken ct = default);

    /// <summary>Stops everything the lab created and removes it; also reaps leftovers of killed runs.</summary>
    Task DownAsync(CancellationToken ct = default);
}
