namespace SanChaos.Core.History;

/// <summary>
/// History event kinds the observers themselves add. The node events' kinds (hb.*, drbd.*, iscsi.*, multipath.*,
/// ip.*, kernel.*) are data: see <c>timeline:</c> in lab/sut/commands.yaml.
/// </summary>
public static class ObserverEventKinds
{
    /// <summary>What every observer kind starts with (<c>observer.</c>).</summary>
    public const string Prefix = "observer.";

    /// <summary>An observer started (data: observer, and what it watches).</summary>
    public const string Started = "observer.started";
    /// <summary>An observer stopped (data: its summary).</summary>
    public const string Stopped = "observer.stopped";
    /// <summary>An observer could not start or failed while running: its data is missing from here on.</summary>
    public const string Failed = "observer.failed";
    /// <summary>A node's clock offset to the harness was measured (data: node, offset_ms, rtt_ms).</summary>
    public const string Clock = "observer.clock";
    /// <summary>A node stopped answering its observation stream (powered off, unreachable): its state is unknown until
    /// <see cref="StreamBack"/> (data: node, exit, stderr).</summary>
    public const string StreamLost = "observer.stream-lost";
    /// <summary>A node answers its observation stream again (data: node).</summary>
    public const string StreamBack = "observer.stream-back";
}
