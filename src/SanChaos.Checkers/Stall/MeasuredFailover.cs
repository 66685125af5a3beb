using SanChaos.Checkers.Reading;
using SanChaos.Core.History;
using SanChaos.Inventory.Model;
using SanChaos.Observers.Capture;
using SanChaos.Observers.IoProbe;

namespace SanChaos.Checkers.Stall;

/// <summary>
/// What one failover took, read from the history, each figure counted from the fault: Heartbeat declaring the peer
/// dead, the takeover, the target running, the first gratuitous ARP, the initiator's NOP timeout and session recovery
/// timeout, the client's paths failing and coming back, and what the application saw (the probe's longest stall and
/// its error windows).
/// </summary>
internal sealed class MeasuredFailover
{
    private MeasuredFailover(DateTimeOffset fault, IReadOnlyList<HistoryEvent> events, LabInventory inventory)
    {
        Fault = fault;
        HistoryEvent? After(string kind, Func<HistoryEvent, bool>? where = null) =>
            events.FirstOrDefault(e => e.Wall >= fault && e.Kind == kind && (where?.Invoke(e) ?? true));

        NodeDead = After(NodeEventKinds.NodeDead);
        TakeoverStart = After(NodeEventKinds.TakeoverStart);
        TakeoverComplete = After(NodeEventKinds.TakeoverComplete, e => TakeoverStart is null || e.Node() == TakeoverStart.Node());
        var owner = TakeoverComplete?.Node() ?? TakeoverStart?.Node();
        TargetUp = After(NodeEventKinds.TargetState, e => e.Text("state") == "1" && (owner is null || e.Node() == owner));
        var floating = inventory.FloatingIps.Select(f => f.Address.Address.ToString()).ToHashSet(StringComparer.Ordinal);
        Garp = After(NetEventKinds.Garp, e => e.Text(NetEventKeys.Ip) is { } ip && floating.Contains(ip));
        Nop = After(NodeEventKinds.IscsiPingTimeout) ?? After(NodeEventKinds.IscsiConnError);
        RecoveryTimeout = After(NodeEventKinds.IscsiRecoveryTimeout);
        var paths = events.Where(e => e.Kind == NodeEventKinds.ActivePaths).ToArray();
        var full = paths.Where(e => e.Wall < fault).Select(e => e.Long("count")).Max() ?? inventory.FloatingIps.Count;
        PathsFailed = paths.FirstOrDefault(e => e.Wall >= fault && e.Long("count") == 0);
        PathsBack = PathsFailed is null ? null : paths.FirstOrDefault(e => e.Wall > PathsFailed.Wall && e.Long("count") >= full);
        // The client's first session logged in again after the initiator noticed the dead portal (iscsi.session samples).
        var noticed = Nop ?? RecoveryTimeout;
        SessionBack = noticed is null ? null
            : events.FirstOrDefault(e => e.Wall > noticed.Wall && e.Kind == NodeEventKinds.IscsiSession && e.Text("state") == "LOGGED_IN");
        Stall = events.LastOrDefault(e => e.Kind == IoEventKinds.Stall);
        Errors = events.Where(e => e.Kind == IoEventKinds.Errors).ToArray();
    }

    public DateTimeOffset Fault { get; }

    public HistoryEvent? NodeDead { get; }

    public HistoryEvent? TakeoverStart { get; }

    public HistoryEvent? TakeoverComplete { get; }

    public HistoryEvent? TargetUp { get; }

    public HistoryEvent? Garp { get; }

    /// <summary>The initiator noticed a dead portal: the first NOP-out timeout (else connection error) after the fault.</summary>
    public HistoryEvent? Nop { get; }

    public HistoryEvent? RecoveryTimeout { get; }

    public HistoryEvent? PathsFailed { get; }

    public HistoryEvent? PathsBack { get; }

    /// <summary>The first <c>iscsi.session</c> sample saying LOGGED_IN after the initiator noticed a dead portal (<see cref="Nop"/>), or null.</summary>
    public HistoryEvent? SessionBack { get; }

    /// <summary>The probe's longest stall (<c>io.stall</c>).</summary>
    public HistoryEvent? Stall { get; }

    /// <summary>The probe's runs of failed writes (<c>io.errors</c>), in time order.</summary>
    public IReadOnlyList<HistoryEvent> Errors { get; }

    /// <summary>The stall's length.</summary>
    public TimeSpan? StallLength => Stall?.Millis("duration_ms");

    /// <summary>True when writes were acknowledged again after the stall (false: still stalled when observation ended).</summary>
    public bool StallRecovered => Stall?.Text("recovered") != "false";

    /// <summary>How many writes failed in all.</summary>
    public long ErrorCount => Errors.Sum(e => e.Long("count") ?? 0);

    /// <summary>The first failed write.</summary>
    public DateTimeOffset? FirstError => Errors.Count == 0 ? null : Errors[0].Time("first") ?? Errors[0].Wall;

    /// <summary>The last failed write.</summary>
    public DateTimeOffset? LastError => Errors.Count == 0 ? null : Errors.Select(e => e.Time("last") ?? e.Wall).Max();

    /// <summary>From the first failed write to the last.</summary>
    public TimeSpan? ErrorSpan => FirstError is { } f && LastError is { } l ? l - f : null;

    /// <summary>How long after the fault <paramref name="e"/> happened, or null.</summary>
    public TimeSpan? Since(HistoryEvent? e) => e is null ? null : e.Wall - Fault;

    /// <summary>Reads the failover of the fault at <paramref name="fault"/>.</summary>
    public static MeasuredFailover Read(DateTimeOffset fault, IReadOnlyList<HistoryEvent> events, LabInventory inventory) => new(fault, events, inventory);
}
