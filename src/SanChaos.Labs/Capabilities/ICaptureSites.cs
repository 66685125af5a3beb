namespace SanChaos.Labs.Capabilities;

/// <summary>
/// A lab capability: where each network's frames can be seen from this machine (the embedded lab's bridges inside its
/// namespace), and which node owns each interface's MAC (so a captured frame names its sender). A lab kind that has no
/// such place (a rack: its capture points come from the inventory's <c>capture:</c> section) does not offer it.
/// </summary>
public interface ICaptureSites
{
    /// <summary>One site per network of the lab (management, replication, storage networks).</summary>
    IReadOnlyList<CaptureSite> CaptureSites { get; }

    /// <summary>Every node interface the lab knows, by MAC.</summary>
    IReadOnlyList<InterfaceOwner> Interfaces { get; }
}

/// <summary>Where network <paramref name="Network"/> is seen: device <paramref name="Device"/> of this machine, inside
/// network namespace <paramref name="Namespace"/> (null: this process's own).</summary>
public sealed record CaptureSite(string Network, string? Namespace, string Device);

/// <summary>Interface <paramref name="Interface"/> of node <paramref name="Node"/> has MAC <paramref name="Mac"/>.</summary>
public sealed record InterfaceOwner(string Mac, string Node, string Interface);
