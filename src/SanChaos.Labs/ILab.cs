namespace SanChaos.Labs;

/// <summary>
/// A lab: the SAN under test on some substrate (embedded user-mode Linux, Vagrant VMs, a rack).
/// Optional capabilities (power, cables, serial, capture sites, the serial relay's health, lab-up measurements: the
/// interfaces of <see cref="Capabilities"/> and the cable and power interfaces) are offered through
/// <see cref="Capability{T}"/>: code outside the lab kinds asks for a capability, never for a concrete kind.
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

    /// <summary>
    /// Capability <typeparamref name="T"/> of this lab (e.g. <see cref="Capabilities.ICaptureSites"/>), or null when this lab
    /// kind does not offer it. By default the lab itself when it implements <typeparamref name="T"/>; a lab kind that
    /// offers a capability through another object overrides this.
    /// </summary>
    T? Capability<T>() where T : class => this as T;
}
