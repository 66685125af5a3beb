namespace SanChaos.Observers.Capture;

/// <summary>How a capture opens its interface. Defaults suit ARP on a storage network.</summary>
public sealed record CaptureOptions
{
    /// <summary>The kernel BPF filter (pcap-filter syntax). Default <c>arp</c>; widen it, e.g. <c>arp or tcp port 3260</c>.</summary>
    public string Filter { get; init; } = "arp";

    /// <summary>Bytes kept of each frame. Default 262144 (tcpdump's; whole frames).</summary>
    public int SnapLength { get; init; } = PcapFormat.DefaultSnapLength;

    /// <summary>Put the interface in promiscuous mode (needed on a bridge to see frames between other ports). Default true.</summary>
    public bool Promiscuous { get; init; } = true;

    /// <summary>
    /// libpcap's read timeout, and the capture thread's longest sleep between two looks at the device (frames wake it at
    /// once, immediate mode); at stop it waits this long once more for frames still in the kernel. Default 100 ms.
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Kernel capture buffer. Default 4 MiB.</summary>
    public int BufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long opening may take (remote: until tcpdump's pcap header arrives). Default 15 s.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long stopping may take before the capture is abandoned. Default 10 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The tcpdump executable on a capture host (<see cref="CapturePoint.Remote"/>). Default <c>tcpdump</c>.</summary>
    public string Tcpdump { get; init; } = "tcpdump";
}
