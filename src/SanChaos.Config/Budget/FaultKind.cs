namespace SanChaos.Config.Budget;

/// <summary>The faults the failover budget predicts.</summary>
public enum FaultKind
{
    /// <summary>The primary storage node loses power (PDU outlet off): nothing is flushed, nothing is said.</summary>
    PrimaryPowerLoss,

    /// <summary>Heartbeat dies on the primary (killed); the node, DRBD, the floating IPs and the target stay up.</summary>
    HeartbeatDaemonDeath,

    /// <summary>One storage switch loses power: one of the client's two paths goes.</summary>
    StorageSwitchLoss,

    /// <summary>The eth1 crossover cable (replication and one heartbeat path) is cut.</summary>
    Eth1Cut,

    /// <summary>Both heartbeat paths fail together: eth1 cut and the serial cable pulled.</summary>
    BothHeartbeatPathsLost,
}
