using System.Threading.Channels;

namespace SanChaos.Observers.Capture;

/// <summary>Frames from one capture point: a live interface (<see cref="LivePacketSource"/>) or tcpdump over SSH (<see cref="TcpdumpPacketSource"/>).</summary>
internal interface IPacketSource
{
    /// <summary>Frames in capture order; completes after <see cref="StopAsync"/> (or when the source fails).</summary>
    ChannelReader<CapturedFrame> Frames { get; }

    /// <summary>Opens the capture; returns once frames are being captured. Throws, saying why, when it cannot open.</summary>
    Task StartAsync(CancellationToken ct);

    /// <summary>Stops capturing, hands over what was captured until then and returns the counters. Idempotent.</summary>
    Task<SourceStats> StopAsync(CancellationToken ct);
}
