namespace SanChaos.Labs;

/// <summary>
/// What a PDU outlet physically does in a lab: cut or restore power to whatever it feeds (a node or a
/// switch). The embedded lab implements it (freeze and kill a node's kernel, stop a bridge passing
/// frames), so does the Vagrant lab (the provider's power of a VM, the links of a switch's NICs); the lab's own PDU
/// server calls it when a client switches an outlet over the network.
/// </summary>
public interface IOutletActuator
{
    /// <summary>Cuts power to the device named <paramref name="device"/> (a node or switch name from the inventory).</summary>
    Task PowerOffAsync(string device, CancellationToken ct = default);

    /// <summary>Restores power to <paramref name="device"/>; a node boots again with its disks as they were.</summary>
    Task PowerOnAsync(string device, CancellationToken ct = default);

    /// <summary>True when the device has power.</summary>
    bool IsPowered(string device);
}
