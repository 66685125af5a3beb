namespace SanChaos.Labs.Provisioning;

/// <summary>What happened to a step.</summary>
public enum StepEventKind
{
    /// <summary>It began.</summary>
    Started,
    /// <summary>It was already done and did nothing.</summary>
    Skipped,
    /// <summary>It ran and succeeded.</summary>
    Completed,
    /// <summary>It failed; provisioning stops after the stage, and the other tracks are cancelled.</summary>
    Failed,
    /// <summary>It was stopped because a step of another track failed.</summary>
    Cancelled,
}
