using SanChaos.Labs;
using SanChaos.Labs.Kinds.Embedded;
using SanChaos.Observers;
using SanChaos.Observers.Capture;
using SanChaos.Observers.IoProbe;
using SanChaos.Observers.Timeline;

namespace SanChaos.Drills;

/// <summary>
/// The observers every drill runs: the cluster timeline (every node), the capture on the storage networks (where the
/// lab offers capture points), the client's neighbour table and the I/O probe through the client's multipath device, put on the timeline's clock.
/// </summary>
public static class DrillObservers
{
    /// <summary>The observers for <paramref name="lab"/>, timeline first (the probe reads its clock offsets).</summary>
    public static IReadOnlyList<IObserver> For(ILab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var timeline = new TimelineObserver();
        var observers = new List<IObserver> { timeline };
        if (lab is IEmbeddedLabView embedded) observers.Add(new CaptureObserver(CaptureObserverOptions.ForUmlTopology(embedded.Topology)));
        // Which MAC the client's neighbour table used for each floating IP, as it changed.
        if (lab.Inventory.Clients.Count > 0) observers.Add(new NeighbourObserver());
        if (lab.Inventory.Clients.Count > 0)
            observers.Add(new IoProbeObserver(new IoProbeOptions
            {
                NodeClockOffset = node => timeline.Clocks.TryGetValue(node, out var c) ? c.Offset : TimeSpan.Zero,
            }));
        return observers;
    }
}
