namespace SanChaos.Config.Timing;

/// <summary>One storage node's Heartbeat timers.</summary>
/// <param name="Node">The node.</param>
/// <param name="Keepalive">Interval between heartbeats.</param>
/// <param name="Deadtime">Silence after which the peer is declared dead.</param>
/// <param name="Warntime">Silence after which a late heartbeat is logged (default: half the deadtime).</param>
/// <param name="Initdead">Deadtime at start-up (default: deadtime above 10 s, else twice it, at least 12 s).</param>
public sealed record HeartbeatTimings(string Node, Setting<TimeSpan> Keepalive, Setting<TimeSpan> Deadtime, Setting<TimeSpan> Warntime, Setting<TimeSpan> Initdead)
{
    /// <summary>How long after a fault the peer is declared dead: the last heartbeat came up to one keepalive before it.</summary>
    public (TimeSpan Min, TimeSpan Max) Detection => (Deadtime.Value - Keepalive.Value < TimeSpan.Zero ? TimeSpan.Zero : Deadtime.Value - Keepalive.Value, Deadtime.Value);

    /// <summary>Where detection comes from.</summary>
    public string DetectionSource => $"{Deadtime.Source}; {Keepalive.Source}";
}
