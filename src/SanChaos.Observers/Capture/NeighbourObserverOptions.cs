using System.Net;

namespace SanChaos.Observers.Capture;

/// <summary>How <see cref="NeighbourObserver"/> watches the clients' neighbour tables.</summary>
public sealed record NeighbourObserverOptions
{
    /// <summary>The client nodes to watch; null (default) = every node whose role is client (badger).</summary>
    public IReadOnlyList<string>? Clients { get; init; }

    /// <summary>Addresses recorded as events; null (default) = the inventory's floating IPs. Empty = every address.</summary>
    public IReadOnlyList<IPAddress>? Addresses { get; init; }

    /// <summary>
    /// The command run on each client: follow the neighbour table, print it once, then print <see cref="ReadyMarker"/>.
    /// Default <c>ip -o monitor neigh &amp; ip -o neigh show; echo MARKER; wait</c>. One process for the whole run.
    /// </summary>
    public string Command { get; init; } = "ip -o monitor neigh & ip -o neigh show; echo " + DefaultMarker + "; wait";

    /// <summary>The line that says the snapshot was printed and the monitor runs. Default <c>sanchaos-neigh-ready</c>.</summary>
    public string ReadyMarker { get; init; } = DefaultMarker;

    /// <summary>How long to wait for <see cref="ReadyMarker"/>. Default 30 s (a fork costs ~36 ms under user-mode Linux).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>MAC owners added to the inventory's. Default none.</summary>
    public MacDirectory? Macs { get; init; }

    private const string DefaultMarker = "sanchaos-neigh-ready";
}
