namespace SanChaos.Core.History;

/// <summary>The event kinds SanChaos itself records (faults, steps, the lab, its recovery); the other kinds are beside
/// this file (see README.md here).</summary>
public static class EventKinds
{
    /// <summary>What every fault kind starts with (<c>fault.</c>).</summary>
    public const string FaultPrefix = "fault.";

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

    /// <summary>A checker's verdict, recorded after the checks (source: the checker; data: checker, status, the asking
    /// step's <c>line</c> when a step asked, and the checker's named figures).</summary>
    public const string Verdict = "check.verdict";
    /// <summary>A lab lifecycle event (boot, power, steady state).</summary>
    public const string Lab = "lab";
    /// <summary>
    /// A repair the recovery ran to bring a disposable lab back to its baseline (Labs/Recovery): at a scenario's end (data
    /// <c>phase</c> <c>end</c>), it is that scenario's; at the start of the next (<c>start</c>), left by an earlier one.
    /// </summary>
    public const string Recovery = "recovery.repair";
}
