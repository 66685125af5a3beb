using System.Text.RegularExpressions;
using SanChaos.Labs;
using SanChaos.Labs.Capabilities;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Where one storage network is listened to: an interface on this machine (in the host's namespace, or in a named
/// network namespace such as the embedded lab's), or an interface of a capture host streamed over SSH with
/// <c>tcpdump -U -w -</c>. Create with <see cref="Local"/>, <see cref="InNamespace"/>, <see cref="AtSite"/> or
/// <see cref="Remote"/>.
/// </summary>
public sealed partial class CapturePoint
{
    private CapturePoint(string network, string @interface, string? netns, IStreamingNode? host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        if (!InterfaceName().IsMatch(@interface ?? ""))
            throw new ArgumentException($"'{@interface}' is not a network interface name (1-15 letters, digits, '.', '_', '-', '@' or ':').", nameof(@interface));
        if (netns is not null && !NamespaceName().IsMatch(netns))
            throw new ArgumentException($"'{netns}' is not a network namespace name (letters, digits, '.', '_', '-').", nameof(netns));
        Network = network;
        Interface = @interface!;
        Namespace = netns;
        Host = host;
    }

    /// <summary>The inventory network it listens to (e.g. <c>storage-a</c>); names the pcap file.</summary>
    public string Network { get; }

    /// <summary>The interface the capture opens (a bridge, a NIC attached to the storage switch's mirror port...).</summary>
    public string Interface { get; }

    /// <summary>The network namespace the interface lives in (<c>/run/netns/NAME</c>), or null for this process's own.</summary>
    public string? Namespace { get; }

    /// <summary>The capture host that runs tcpdump, or null for a capture on this machine.</summary>
    public IStreamingNode? Host { get; }

    /// <summary>Listens on <paramref name="interface"/> of this machine's own namespace (a rack's harness with a leg on the storage switch).</summary>
    public static CapturePoint Local(string network, string @interface) => new(network, @interface, null, null);

    /// <summary>Listens on <paramref name="interface"/> inside network namespace <paramref name="netns"/>; only the capture thread enters it.</summary>
    public static CapturePoint InNamespace(string network, string netns, string @interface) => new(network, @interface, netns, null);

    /// <summary>Listens at a lab's capture site (<see cref="ICaptureSites"/>: the embedded lab's bridge inside its namespace).</summary>
    public static CapturePoint AtSite(CaptureSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new(site.Network, site.Device, site.Namespace, null);
    }

    /// <summary>
    /// Streams <c>tcpdump -U -w -</c> on <paramref name="interface"/> of <paramref name="host"/> over SSH. Timestamps
    /// are the capture host's clock: keep it synchronised (NTP/PTP) with the harness.
    /// </summary>
    public static CapturePoint Remote(string network, IStreamingNode host, string @interface)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new(network, @interface, null, host);
    }

    /// <summary>Where, in words: <c>scb-storage-a in namespace sanchaos-1234</c>.</summary>
    public override string ToString() =>
        Host is not null ? $"{Interface} on {Host.Name} (tcpdump over SSH)"
        : Namespace is not null ? $"{Interface} in namespace {Namespace}"
        : $"{Interface} on this machine";

    [GeneratedRegex("^[A-Za-z0-9_.:@-]{1,15}$")]
    private static partial Regex InterfaceName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,200}$")]
    private static partial Regex NamespaceName();
}
