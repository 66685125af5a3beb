namespace SanChaos.Core.History;

/// <summary>Data keys of the timeline observer's own <see cref="ObserverEventKinds.Started"/> event.</summary>
public static class TimelineEventKeys
{
    /// <summary>Every node observed, comma-separated.</summary>
    public const string Nodes = "nodes";

    /// <summary>The nodes whose ha-log is followed (the storage nodes' <c>observe_storage</c>), comma-separated.</summary>
    public const string HaLogNodes = "ha_log_nodes";
}
