namespace SanChaos.Core.History;

/// <summary>The event kinds SanChaos itself records. Observers may add their own.</summary>
public static class EventKinds
{
    /// <summary>A fault is about to be injected.</summary>
    public const string FaultInjecting = "fault.injecting";
    /// <summary>A fault was injected.</summary>
    public const string FaultInjected = "fault.injected";
    /// <summary>A fault was healed.</summary>
    public const string FaultHealed = "fault.healed";
    /// <summary>Healing a fault failed.</summary>
    public const string FaultHealFailed = "fault.heal-failed";
    /// <summary>A step started.</summary>
    public const string StepStarted = "step.started";
    /// <summary>A step ended.</summary>
    public const string StepEnded = "step.ended";
    /// <summary>A lab lifecycle event (boot, power, steady state).</summary>
    public const string Lab = "lab";
    /// <summary>A repair run between drills to bring a disposable lab back to its baseline (Labs/Recovery).</summary>
    public const string Recovery = "lab.recovery";
}
