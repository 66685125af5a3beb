using SharpPcap.LibPcap;

namespace SanChaos.Observers.Capture;

/// <summary>A SharpPcap live device that hands out its selectable descriptor (pcap_get_selectable_fd, taken at open) for <see cref="PollNative"/>.</summary>
internal sealed class PollableDevice(PcapInterface pcapInterface) : LibPcapLiveDevice(pcapInterface)
{
    /// <summary>The descriptor to poll, valid while open (-1 before).</summary>
    public int Descriptor => FileDescriptor;
}
