namespace SanChaos.Observers.Capture;

/// <summary>What one capture saw, at its stop.</summary>
/// <param name="Network">The network.</param>
/// <param name="Point">Where it listened (<see cref="CapturePoint.ToString"/>).</param>
/// <param name="Received">Frames the kernel passed the filter (pcap_stats ps_recv; tcpdump's "received by filter"); null
/// when unknown. A live capture writes every one of them, so it is at most <paramref name="Packets"/>.</param>
/// <param name="Dropped">Frames the kernel dropped for lack of buffer space (ps_drop); null when unknown.</param>
/// <param name="InterfaceDropped">Frames the interface dropped while the capture ran (its rx_dropped counter, read in
/// the capture's namespace; tcpdump's "dropped by interface"); null when unknown.</param>
/// <param name="Packets">Frames written to the pcap file.</param>
/// <param name="ArpFrames">Of those, ARP requests and replies decoded.</param>
/// <param name="File">The pcap file.</param>
/// <param name="Error">Why the capture ended early, or null.</param>
public sealed record CaptureStats(
    string Network, string Point, long? Received, long? Dropped, long? InterfaceDropped, long Packets, long ArpFrames, string File, string? Error)
{
    /// <summary>True when nothing was lost: no error and no kernel drop.</summary>
    public bool Complete => Error is null && Dropped is null or 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Network} ({Point}): {Packets} frames written ({ArpFrames} ARP), received {Show(Received)}, dropped {Show(Dropped)}, " +
        $"interface dropped {Show(InterfaceDropped)}{(Error is null ? "" : ", error: " + Error)}";

    private static string Show(long? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
