using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Capabilities;
using SanChaos.Core.History;

namespace SanChaos.Observers.Capture;

/// <summary>
/// How <see cref="CaptureObserver"/> captures. Build with <see cref="ForSites"/> (a lab's own capture sites: the embedded lab's bridges) or
/// <see cref="ForPoints"/> (a rack: local interfaces or capture hosts), then adjust with <c>with</c>.
/// </summary>
public sealed record CaptureObserverOptions
{
    /// <summary>Where to listen to each network the observer captures. Required; the factories set it.</summary>
    public required Func<NetworkSpec, CapturePoint> PointFor { get; init; }

    /// <summary>The inventory networks to capture; null (default) = every network whose purpose is storage A or B.</summary>
    public IReadOnlyList<string>? Networks { get; init; }

    /// <summary>Filter, snap length and buffers of every capture. Default <see cref="CaptureOptions"/> (filter <c>arp</c>).</summary>
    public CaptureOptions Capture { get; init; } = new();

    /// <summary>MAC owners added to the inventory's interface MACs (which are always known). Default none.</summary>
    public MacDirectory? Macs { get; init; }

    /// <summary>Record ordinary ARP replies as <see cref="NetEventKinds.ArpReply"/> events. Default true.</summary>
    public bool RecordReplies { get; init; } = true;

    /// <summary>The pcap file name of a network, in the artifact directory. Default <c>capture-&lt;network&gt;.pcap</c>.</summary>
    public Func<string, string> FileName { get; init; } = network => $"capture-{network}.pcap";

    /// <summary>
    /// A lab's own capture sites (<see cref="ICaptureSites"/>: the embedded lab's bridges inside its namespace, also from
    /// a process attached to a keeper's lab), with the MACs of the lab's interfaces.
    /// </summary>
    public static CaptureObserverOptions ForSites(ICaptureSites sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var byNetwork = sites.CaptureSites.ToDictionary(s => s.Network, StringComparer.Ordinal);
        return new CaptureObserverOptions
        {
            PointFor = n => byNetwork.TryGetValue(n.Name, out var site) ? CapturePoint.AtSite(site)
                : throw new SanChaosException($"The lab has no capture site for network '{n.Name}' (it has: {string.Join(", ", byNetwork.Keys)}).",
                    "check that the inventory's networks match the lab's (`sanchaos inventory check`)."),
            Macs = MacDirectory.FromOwners(sites.Interfaces),
        };
    }

    /// <summary>Explicit points, one per network captured (e.g. a local interface per storage switch on a rack).</summary>
    public static CaptureObserverOptions ForPoints(params CapturePoint[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var byNetwork = points.ToDictionary(p => p.Network, StringComparer.Ordinal);
        return new CaptureObserverOptions
        {
            PointFor = n => byNetwork.TryGetValue(n.Name, out var p) ? p
                : throw new SanChaosException($"No capture point was given for network '{n.Name}' (given: {string.Join(", ", byNetwork.Keys)}).",
                    $"pass a CapturePoint for {n.Name}, or restrict CaptureObserverOptions.Networks."),
        };
    }
}
