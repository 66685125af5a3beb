using SanChaos.Config.Budget;

namespace SanChaos.Config;

/// <summary>The drills findings and budgets point to (data: a renamed scenario is a change here).</summary>
public static class Drills
{
    /// <summary>The primary loses power.</summary>
    public static readonly DrillRef KillPrimary = new("features/power-loss.feature", "kill-primary", "The primary loses power with the seeds' multipath settings");

    /// <summary>The eth1 crossover cable is cut.</summary>
    public static readonly DrillRef Eth1Cut = new("features/heartbeat-paths.feature", "eth1", "The eth1 crossover cable is cut");

    /// <summary>eth1 cut and the serial cable pulled together.</summary>
    public static readonly DrillRef BothPathsLost = new("features/heartbeat-paths.feature", "both-paths-lost", "Both heartbeat paths are lost with DRBD fencing <fencing>");

    /// <summary>Heartbeat killed on the primary.</summary>
    public static readonly DrillRef KillHeartbeat = new("features/heartbeat-death.feature", "kill-heartbeat", "Heartbeat is killed on the primary");

    /// <summary>A storage switch loses power.</summary>
    public static readonly DrillRef SwitchPower = new("features/storage-switch.feature", "switch-power", "Storage switch <switch> loses power");

    /// <summary>The SAN comes up in steady state.</summary>
    public static readonly DrillRef SteadyState = new("features/steady-state.feature", "smoke", "The SAN comes up in steady state");

    /// <summary>The drill that injects <paramref name="fault"/>.</summary>
    public static DrillRef For(FaultKind fault) => fault switch
    {
        FaultKind.PrimaryPowerLoss => KillPrimary,
        FaultKind.HeartbeatDaemonDeath => KillHeartbeat,
        FaultKind.StorageSwitchLoss => SwitchPower,
        FaultKind.Eth1Cut => Eth1Cut,
        _ => BothPathsLost,
    };
}
