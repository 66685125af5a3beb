namespace SanChaos.Labs.State;

/// <summary>What <c>cl_status rscstatus</c> says this node holds (Heartbeat v1).</summary>
public enum HeartbeatResourceStatus
{
    /// <summary>The output was not recognised (or heartbeat is down).</summary>
    Unknown,
    /// <summary><c>none</c>: holds no resources.</summary>
    None,
    /// <summary><c>local</c>: holds the groups it is the preferred node of (may be an empty set).</summary>
    Local,
    /// <summary><c>foreign</c>: holds only the peer's groups.</summary>
    Foreign,
    /// <summary><c>all</c>: holds its own and the peer's groups.</summary>
    All,
    /// <summary><c>transition</c>: acquiring or releasing.</summary>
    Transition,
}
