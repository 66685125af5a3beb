namespace SanChaos.Config.Budget;

/// <summary>Which part of a failover a budget term belongs to.</summary>
public enum BudgetPhase
{
    /// <summary>Noticing the fault (Heartbeat deadtime, DRBD's peer-loss timers, iSCSI NOP-out).</summary>
    Detection,

    /// <summary>Moving the resource group (DRBD promotion, the agents' start).</summary>
    Takeover,

    /// <summary>What the client does (session recovery, multipath queueing, re-login, path checker).</summary>
    Client,
}
