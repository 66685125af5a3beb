using SanChaos.Checkers;
using SanChaos.Core;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Core.Time;
using SanChaos.Inventory.Model;
using SanChaos.Labs;
using SanChaos.Labs.Capabilities;
using SanChaos.Observers;
using SanChaos.Observers.Capture;
using SanChaos.Observers.IoProbe;
using SanChaos.Observers.Serial;
using SanChaos.Observers.Timeline;

namespace SanChaos.Drills;

/// <summary>
/// The observers every drill runs: the cluster timeline (every node), the capture on the storage networks (the embedded
/// lab's bridges, or a rack's <c>capture:</c> points), the serial cable's relay counters (a lab that carries the cable),
/// the client's neighbour table and the I/O probe through the client's multipath device, put on the timeline's clock.
/// </summary>
public static class DrillObservers
{
    /// <summary>The observers for <paramref name="lab"/>, timeline first (the probe reads its clock offsets).</summary>
    public static IReadOnlyList<IObserver> For(ILab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var timeline = new TimelineObserver();
        var observers = new List<IObserver> { timeline };
        if (Capture(lab) is { } capture) observers.Add(new CaptureObserver(capture));
        // Which MAC the client's neighbour table used for each floating IP, as it changed.
        if (lab.Inventory.Clients.Count > 0) observers.Add(new NeighbourObserver());
        // The serial cable's bytes per direction, when the lab carries the cable itself (a relay on this machine).
        if (lab.Capability<ISerialCableCounters>() is { } serial && lab.Inventory.Serial is not null) observers.Add(new SerialLineObserver(serial));
        if (lab.Inventory.Clients.Count > 0)
            observers.Add(new IoProbeObserver(new IoProbeOptions
            {
                NodeClockOffset = node => timeline.Clocks.TryGetValue(node, out var c) ? c.Offset : TimeSpan.Zero,
            }));
        return observers;
    }

    /// <summary>
    /// Waits, on the run's clock, until the latest moment any of <paramref name="checkers"/> needs observed
    /// (<see cref="ObservationBound.Latest"/> on the history so far, plus <see cref="ObservationBound.Grace"/>), saying so
    /// in the history: the observers are stopped after it. Returns at once when that moment has passed or none needs one;
    /// a cancellation ends the wait (noted in the history) without throwing, so the scenario's end still runs.
    /// </summary>
    /// <returns>The need that held observation, or null.</returns>
    public static async Task<ObservationNeed?> KeepObservingAsync(IEnumerable<IChecker> checkers, RunContext run, LabInventory inventory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkers);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(inventory);
        var need = ObservationBound.Latest(checkers, new CheckInput(run.History.Events, inventory));
        if (need is null) return null;
        var until = need.Until + ObservationBound.Grace;
        var wait = until - run.Time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return need;
        var data = new Dictionary<string, string>
        {
            ["until"] = until.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["checker"] = need.Checker, ["why"] = need.Why,
        };
        run.History.Append(EventKinds.Lab, "drill", $"observing {Durations.Format(wait)} more, until {until.UtcDateTime:HH:mm:ss.fff}: {need.Checker} judges {need.Why}", data);
        try
        {
            await Task.Delay(wait, run.Time, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            run.History.Append(EventKinds.Lab, "drill", $"observation cut short by cancellation before {until.UtcDateTime:HH:mm:ss.fff}: {need.Checker} may say unknown", data);
        }

        return need;
    }

    /// <summary>What <see cref="For"/> would start, in words, without touching the lab (a dry run prints it).</summary>
    public static IReadOnlyList<string> Describe(ILab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var inv = lab.Inventory;
        var lines = new List<string> { $"the cluster timeline on {string.Join(", ", inv.Nodes.Select(n => n.Name))} (DRBD, Heartbeat, iSCSI, multipath state and logs)" };
        if (lab.Capability<ICaptureSites>() is not null) lines.Add("the capture of gratuitous ARP on the lab's own storage network sites (the embedded lab's bridges)");
        else if (inv.Captures.Count > 0)
            lines.AddRange(inv.Captures.Select(c => $"the capture of gratuitous ARP on {c.Network}: {(c.Host is null ? $"interface {c.Interface} of this machine" : $"tcpdump on {c.Host} {c.Interface} over SSH")}"));
        else lines.Add("no capture (the inventory has no capture: section): the gratuitous-ARP checks will say unknown");
        if (lab.Capability<ISerialCableCounters>() is not null && inv.Serial is not null)
            lines.Add($"the serial cable's relay counters ({string.Join("<->", inv.Serial.Ends)}): bytes forwarded, dropped and flushed per direction");
        foreach (var c in inv.Clients)
        {
            lines.Add($"the neighbour table of {c.Name}");
            lines.Add($"the I/O probe on {c.Name}, writing through /dev/mapper/{inv.Sut.Multipath.Alias}");
        }

        return lines;
    }

    /// <summary>Where the storage networks are captured: the embedded lab's bridges, a rack's <c>capture:</c> points, or nowhere.</summary>
    private static CaptureObserverOptions? Capture(ILab lab)
    {
        if (lab.Capability<ICaptureSites>() is { } sites) return CaptureObserverOptions.ForSites(sites);
        if (lab.Inventory.Captures.Count == 0) return null;
        var points = lab.Inventory.Captures.Select(c => c.Host is null
            ? CapturePoint.Local(c.Network, c.Interface)
            : CapturePoint.Remote(c.Network, lab.Nodes.TryGetValue(c.Host, out var n) && n is IStreamingNode s ? s
                : throw new SanChaosException($"capture: {c.Network} is captured on {c.Host}, but the lab cannot stream from that node ({c.Location}).",
                    "capture on a node the lab reaches over SSH, or on an interface of this machine (leave `host:` out)."), c.Interface)).ToArray();
        return CaptureObserverOptions.ForPoints(points) with { Networks = points.Select(p => p.Network).ToArray() };
    }
}
